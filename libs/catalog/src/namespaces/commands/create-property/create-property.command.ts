import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { PropertyInput } from '../../domain/namespace.inputs';
import { PropertyEntry } from '../../../shared/domain/property-definition';

/** Creates a namespace-level property definition. */
export class CreatePropertyCommand extends Command<PropertyEntry> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly input: PropertyInput,
  ) {
    super();
  }
}
