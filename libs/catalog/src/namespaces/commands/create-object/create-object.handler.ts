import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { WrittenObject, decideCreateObject } from '../../domain/decisions/object.decisions';
import { CreateObjectCommand } from './create-object.command';

@CommandHandler(CreateObjectCommand)
export class CreateObjectHandler implements ICommandHandler<CreateObjectCommand, WrittenObject> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: CreateObjectCommand): Promise<WrittenObject> {
    return this.writer.write(command.context, (view, decision) =>
      decideCreateObject(view, command.namespace, command.input, decision),
    );
  }
}
