import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Deletes a namespace and everything in it. */
export class DeleteNamespaceCommand extends Command<void> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
  ) {
    super();
  }
}
