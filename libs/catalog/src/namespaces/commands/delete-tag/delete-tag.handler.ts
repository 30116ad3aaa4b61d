import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { decideDeleteTag } from '../../domain/decisions/tag.decisions';
import { DeleteTagCommand } from './delete-tag.command';

@CommandHandler(DeleteTagCommand)
export class DeleteTagHandler implements ICommandHandler<DeleteTagCommand, void> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: DeleteTagCommand): Promise<void> {
    return this.writer.write(command.context, (view, decision) =>
      decideDeleteTag(view, command.namespace, command.tagName, decision),
    );
  }
}
