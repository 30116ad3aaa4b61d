import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { CreatedNamespace } from '../../domain/decisions/namespace.decisions';
import { NamespaceInput } from '../../domain/namespace.inputs';

/** Creates a namespace, with the associations, objects, tags and properties its body embeds. */
export class CreateNamespaceCommand extends Command<CreatedNamespace> {
  constructor(
    readonly context: RequestContext,
    readonly input: NamespaceInput,
  ) {
    super();
  }
}
