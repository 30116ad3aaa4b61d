import { Query } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Shows one object; resolves to the JSON body. */
export class GetObjectQuery extends Query<string> {
  constructor(
    readonly context: RequestContext,
    readonly namespace: string,
    readonly objectName: string,
  ) {
    super();
  }
}
