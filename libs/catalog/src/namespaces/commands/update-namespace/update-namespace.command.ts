import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { NamespaceInput } from '../../domain/namespace.inputs';
import { NamespaceRecord } from '../../domain/namespace.types';

/** Replaces a namespace's own fields, renaming it when `input.namespace` differs. */
export class UpdateNamespaceCommand extends Command<NamespaceRecord> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly input: NamespaceInput,
  ) {
    super();
  }
}
