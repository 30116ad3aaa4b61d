import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideAssociateResourceType } from '../../domain/decisions/association.decisions';
import { AssociationEntry } from '../../domain/namespace.types';
import { AssociateResourceTypeCommand } from './associate-resource-type.command';

@CommandHandler(AssociateResourceTypeCommand)
export class AssociateResourceTypeHandler implements ICommandHandler<AssociateResourceTypeCommand, AssociationEntry> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: AssociateResourceTypeCommand): Promise<AssociationEntry> {
    return this.writer.write(command.context, (view, decision) =>
      decideAssociateResourceType(view, command.namespace, command.input, decision),
    );
  }
}
