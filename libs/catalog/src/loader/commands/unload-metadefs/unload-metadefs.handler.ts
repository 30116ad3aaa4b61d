import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { UnloadBatch, decideUnload } from '../../load.decisions';
import { UnloadMetadefsCommand } from './unload-metadefs.command';

@CommandHandler(UnloadMetadefsCommand)
export class UnloadMetadefsHandler implements ICommandHandler<UnloadMetadefsCommand, UnloadBatch> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: UnloadMetadefsCommand): Promise<UnloadBatch> {
    return this.writer.write(
      command.context,
      (view, decision) => decideUnload(view, decision.now),
      {
        awaitReadModel: false,
      },
    );
  }
}
