import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Deletes a property definition. */
export class DeletePropertyCommand extends Command<void> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly propertyName: string,
  ) {
    super();
  }
}
