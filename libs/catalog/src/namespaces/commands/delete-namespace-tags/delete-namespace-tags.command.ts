import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Deletes every tag of a namespace. */
export class DeleteNamespaceTagsCommand extends Command<void> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
  ) {
    super();
  }
}
