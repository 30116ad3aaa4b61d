import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Deletes every object of a namespace. */
export class DeleteNamespaceObjectsCommand extends Command<void> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
  ) {
    super();
  }
}
