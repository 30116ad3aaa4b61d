import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { QueryPairs } from '../../../shared/application/query-params';

/** Lists every object of a namespace; resolves to the JSON body. */
export class ListObjectsQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly query: QueryPairs,
  ) {
    super();
  }
}
