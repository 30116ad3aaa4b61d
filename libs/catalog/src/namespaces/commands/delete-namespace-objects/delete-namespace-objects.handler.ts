import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDeleteAllChildren } from '../../domain/decisions/namespace.decisions';
import { DeleteNamespaceObjectsCommand } from './delete-namespace-objects.command';

@CommandHandler(DeleteNamespaceObjectsCommand)
export class DeleteNamespaceObjectsHandler implements ICommandHandler<DeleteNamespaceObjectsCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DeleteNamespaceObjectsCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDeleteAllChildren(view, command.namespace, 'objects', decision),
    );
  }
}
