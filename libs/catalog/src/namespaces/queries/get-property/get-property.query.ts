import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { QueryPairs } from '../../../shared/application/query-params';

/** Shows one property, looked up by its prefixed name when `resource_type` is given; resolves to the JSON body. */
export class GetPropertyQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly propertyName: string,
    readonly query: QueryPairs,
  ) {
    super();
  }
}
