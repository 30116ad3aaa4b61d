import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Shows one tag; resolves to the JSON body. */
export class GetTagQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly tagName: string,
  ) {
    super();
  }
}
