import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDeleteObject } from '../../domain/decisions/object.decisions';
import { DeleteObjectCommand } from './delete-object.command';

@CommandHandler(DeleteObjectCommand)
export class DeleteObjectHandler implements ICommandHandler<DeleteObjectCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DeleteObjectCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDeleteObject(view, command.namespace, command.objectName, decision),
    );
  }
}
