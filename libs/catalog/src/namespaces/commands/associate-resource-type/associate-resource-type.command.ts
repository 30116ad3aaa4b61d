import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { AssociationInput } from '../../domain/namespace.inputs';
import { AssociationEntry } from '../../domain/namespace.types';

/** Associates a namespace with a resource type. */
export class AssociateResourceTypeCommand extends Command<AssociationEntry> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly input: AssociationInput,
  ) {
    super();
  }
}
