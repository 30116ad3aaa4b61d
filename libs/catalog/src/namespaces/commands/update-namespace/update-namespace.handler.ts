import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideUpdateNamespace } from '../../domain/decisions/namespace.decisions';
import { NamespaceRecord } from '../../domain/namespace.types';
import { UpdateNamespaceCommand } from './update-namespace.command';

@CommandHandler(UpdateNamespaceCommand)
export class UpdateNamespaceHandler implements ICommandHandler<UpdateNamespaceCommand, NamespaceRecord> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: UpdateNamespaceCommand): Promise<NamespaceRecord> {
    return this.writer.write(command.context, (view, decision) =>
      decideUpdateNamespace(view, command.namespace, command.input, decision),
    );
  }
}
