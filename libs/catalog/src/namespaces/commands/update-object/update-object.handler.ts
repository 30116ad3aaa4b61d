import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { WrittenObject, decideUpdateObject } from '../../domain/decisions/object.decisions';
import { UpdateObjectCommand } from './update-object.command';

@CommandHandler(UpdateObjectCommand)
export class UpdateObjectHandler implements ICommandHandler<UpdateObjectCommand, WrittenObject> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: UpdateObjectCommand): Promise<WrittenObject> {
    return this.writer.write(command.context, (view, decision) =>
      decideUpdateObject(view, command.namespace, command.objectName, command.input, decision),
    );
  }
}
