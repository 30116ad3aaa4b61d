import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Lists every resource type in the catalog; resolves to the JSON body. */
export class ListResourceTypesQuery extends Query<string> {
  constructor(readonly context: RequestContext) {
    super();
  }
}
