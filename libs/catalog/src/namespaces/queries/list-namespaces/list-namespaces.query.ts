import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { QueryPairs } from '../../../shared/application/query-params';

/** Lists the namespaces a caller may see, one page at a time; resolves to the JSON body. */
export class ListNamespacesQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly query: QueryPairs,
  ) {
    super();
  }
}
