import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDissociateResourceType } from '../../domain/decisions/association.decisions';
import { DissociateResourceTypeCommand } from './dissociate-resource-type.command';

@CommandHandler(DissociateResourceTypeCommand)
export class DissociateResourceTypeHandler implements ICommandHandler<DissociateResourceTypeCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DissociateResourceTypeCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDissociateResourceType(view, command.namespace, command.resourceType, decision),
    );
  }
}
