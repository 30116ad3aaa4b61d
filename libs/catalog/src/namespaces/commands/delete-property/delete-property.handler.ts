import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDeleteProperty } from '../../domain/decisions/property.decisions';
import { DeletePropertyCommand } from './delete-property.command';

@CommandHandler(DeletePropertyCommand)
export class DeletePropertyHandler implements ICommandHandler<DeletePropertyCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DeletePropertyCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDeleteProperty(view, command.namespace, command.propertyName, decision),
    );
  }
}
