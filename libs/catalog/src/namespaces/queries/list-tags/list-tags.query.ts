import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { QueryPairs } from '../../../shared/application/query-params';

/** Lists a namespace's tags with sorting and a marker; resolves to the JSON body. */
export class ListTagsQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly query: QueryPairs,
  ) {
    super();
  }
}
