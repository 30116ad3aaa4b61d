import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideUpdateProperty } from '../../domain/decisions/property.decisions';
import { PropertyEntry } from '../../../shared/domain/property-definition';
import { UpdatePropertyCommand } from './update-property.command';

@CommandHandler(UpdatePropertyCommand)
export class UpdatePropertyHandler implements ICommandHandler<UpdatePropertyCommand, PropertyEntry> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: UpdatePropertyCommand): Promise<PropertyEntry> {
    return this.writer.write(command.context, (view, decision) =>
      decideUpdateProperty(view, command.namespace, command.propertyName, command.input, decision),
    );
  }
}
