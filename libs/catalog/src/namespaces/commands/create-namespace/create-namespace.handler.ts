import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '../../../shared/domain/catalog-error';
import { Messages } from '../../../shared/domain/messages';
import { CommitWriter } from '../../../write-model/commit-writer';
import { CreatedNamespace, decideCreateNamespace } from '../../domain/decisions/namespace.decisions';
import { CreateNamespaceCommand } from './create-namespace.command';

@CommandHandler(CreateNamespaceCommand)
export class CreateNamespaceHandler implements ICommandHandler<CreateNamespaceCommand, CreatedNamespace> {
  constructor(private readonly writer: CommitWriter) {}

  execute(command: CreateNamespaceCommand): Promise<CreatedNamespace> {
    if (command.context.identity.readOnly) {
      throw new ForbiddenError(Messages.READ_ONLY_ACCESS);
    }
    return this.writer.write(command.context, (view, decision) =>
      decideCreateNamespace(view, command.input, decision),
    );
  }
}
