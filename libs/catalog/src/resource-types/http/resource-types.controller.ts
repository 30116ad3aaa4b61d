import { Controller, Get, Header } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RequestContext } from '../../shared/application/request-context';
import { JSON_CONTENT_TYPE } from '../../shared/http/json-response';
import { Ctx, NoBody } from '../../shared/http/request-decorators';
import { ListResourceTypesQuery } from '../queries';

/** `/v2/metadefs/resource_types`. */
@Controller('v2/metadefs/resource_types')
export class ResourceTypesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @NoBody()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(@Ctx() context: RequestContext): Promise<string> {
    return this.queries.execute(new ListResourceTypesQuery(context));
  }
}
