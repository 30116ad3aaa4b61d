import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Removes a namespace's association with a resource type. */
export class DissociateResourceTypeCommand extends Command<void> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly resourceType: string,
  ) {
    super();
  }
}
