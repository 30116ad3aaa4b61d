import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideCreateTag } from '../../domain/decisions/tag.decisions';
import { TagEntry } from '../../domain/namespace.types';
import { CreateTagCommand } from './create-tag.command';

@CommandHandler(CreateTagCommand)
export class CreateTagHandler implements ICommandHandler<CreateTagCommand, TagEntry> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: CreateTagCommand): Promise<TagEntry> {
    return this.writer.write(command.context, (view, decision) =>
      decideCreateTag(view, command.namespace, command.name, decision),
    );
  }
}
