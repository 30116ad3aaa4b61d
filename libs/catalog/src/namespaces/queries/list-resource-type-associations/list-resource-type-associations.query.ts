import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Lists a namespace's resource type associations; resolves to the JSON body. */
export class ListResourceTypeAssociationsQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
  ) {
    super();
  }
}
