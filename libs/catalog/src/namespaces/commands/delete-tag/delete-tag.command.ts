import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Deletes a tag. */
export class DeleteTagCommand extends Command<void> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly tagName: string,
  ) {
    super();
  }
}
