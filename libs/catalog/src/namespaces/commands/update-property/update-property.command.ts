import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { PropertyInput } from '../../domain/namespace.inputs';
import { PropertyEntry } from '../../../shared/domain/property-definition';

/** Replaces a property definition, renaming it when `input.name` differs. */
export class UpdatePropertyCommand extends Command<PropertyEntry> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly propertyName: string,
    readonly input: PropertyInput,
  ) {
    super();
  }
}
