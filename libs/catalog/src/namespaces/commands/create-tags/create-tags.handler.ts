import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideCreateTags } from '../../domain/decisions/tag.decisions';
import { CreateTagsCommand } from './create-tags.command';

@CommandHandler(CreateTagsCommand)
export class CreateTagsHandler implements ICommandHandler<CreateTagsCommand, readonly string[]> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: CreateTagsCommand): Promise<readonly string[]> {
    return this.writer.write(command.context, (view, decision) =>
      decideCreateTags(view, command.namespace, command.names, command.append, decision),
    );
  }
}
