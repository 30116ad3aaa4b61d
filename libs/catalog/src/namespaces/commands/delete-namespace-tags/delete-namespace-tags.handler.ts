import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDeleteAllChildren } from '../../domain/decisions/namespace.decisions';
import { DeleteNamespaceTagsCommand } from './delete-namespace-tags.command';

@CommandHandler(DeleteNamespaceTagsCommand)
export class DeleteNamespaceTagsHandler implements ICommandHandler<DeleteNamespaceTagsCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DeleteNamespaceTagsCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDeleteAllChildren(view, command.namespace, 'tags', decision),
    );
  }
}
