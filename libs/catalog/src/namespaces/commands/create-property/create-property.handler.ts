import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideCreateProperty } from '../../domain/decisions/property.decisions';
import { PropertyEntry } from '../../../shared/domain/property-definition';
import { CreatePropertyCommand } from './create-property.command';

@CommandHandler(CreatePropertyCommand)
export class CreatePropertyHandler implements ICommandHandler<CreatePropertyCommand, PropertyEntry> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: CreatePropertyCommand): Promise<PropertyEntry> {
    return this.writer.write(command.context, (view, decision) =>
      decideCreateProperty(view, command.namespace, command.input, decision),
    );
  }
}
