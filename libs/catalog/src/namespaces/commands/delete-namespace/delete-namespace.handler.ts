import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDeleteNamespace } from '../../domain/decisions/namespace.decisions';
import { DeleteNamespaceCommand } from './delete-namespace.command';

@CommandHandler(DeleteNamespaceCommand)
export class DeleteNamespaceHandler implements ICommandHandler<DeleteNamespaceCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DeleteNamespaceCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDeleteNamespace(view, command.namespace, decision),
    );
  }
}
