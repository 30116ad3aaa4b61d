import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideUpdateTag } from '../../domain/decisions/tag.decisions';
import { TagEntry } from '../../domain/namespace.types';
import { UpdateTagCommand } from './update-tag.command';

@CommandHandler(UpdateTagCommand)
export class UpdateTagHandler implements ICommandHandler<UpdateTagCommand, TagEntry> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: UpdateTagCommand): Promise<TagEntry> {
    return this.writer.write(command.context, (view, decision) =>
      decideUpdateTag(view, command.namespace, command.tagName, command.newName, decision),
    );
  }
}
