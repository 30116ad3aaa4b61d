import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Lists the namespace-level properties as a name-keyed map; resolves to the JSON body. */
export class ListPropertiesQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
  ) {
    super();
  }
}
