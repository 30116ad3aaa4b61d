import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDeleteAllChildren } from '../../domain/decisions/namespace.decisions';
import { DeleteNamespacePropertiesCommand } from './delete-namespace-properties.command';

@CommandHandler(DeleteNamespacePropertiesCommand)
export class DeleteNamespacePropertiesHandler implements ICommandHandler<DeleteNamespacePropertiesCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DeleteNamespacePropertiesCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDeleteAllChildren(view, command.namespace, 'properties', decision),
    );
  }
}
