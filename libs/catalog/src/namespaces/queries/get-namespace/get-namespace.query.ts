import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { QueryPairs } from '../../../shared/application/query-params';

/** Shows a namespace with its children; resolves to the JSON body. */
export class GetNamespaceQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly query: QueryPairs,
  ) {
    super();
  }
}
