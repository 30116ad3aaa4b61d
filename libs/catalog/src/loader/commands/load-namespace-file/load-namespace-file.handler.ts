import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitWriter } from '../../../write-model/commit-writer';
import { LoadOutcome, decideLoadFile } from '../../load.decisions';
import { LoadNamespaceFileCommand } from './load-namespace-file.command';

/** Loader writes skip policy and do not wait for the read model: no client reads them back. */
@CommandHandler(LoadNamespaceFileCommand)
export class LoadNamespaceFileHandler implements ICommandHandler<LoadNamespaceFileCommand, LoadOutcome> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: LoadNamespaceFileCommand): Promise<LoadOutcome> {
    return this.writer.write(
      command.context,
      (view, decision) => decideLoadFile(view, command.file, command.mode, decision.now),
      { awaitReadModel: false },
    );
  }
}
