import { Controller, Delete, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { RequestContext } from '../../shared/application/request-context';
import { QueryPairs as Pairs } from '../../shared/application/query-params';
import { JSON_CONTENT_TYPE } from '../../shared/http/json-response';
import { Ctx, JsonBody, NoBody, QueryPairs } from '../../shared/http/request-decorators';
import {
  CreatePropertyCommand,
  DeleteNamespacePropertiesCommand,
  DeletePropertyCommand,
  UpdatePropertyCommand,
} from '../commands';
import { PropertyRequestDto } from '../dto/property-definition.request.dto';
import { propertyInputOf } from '../dto/request-inputs';
import { GetPropertyQuery, ListPropertiesQuery } from '../queries';
import { propertyView } from '../representations/property.representation';

const PROPERTY_BODY = {
  dto: PropertyRequestDto,
  name: 'property',
  readOnly: ['created_at', 'updated_at'],
};

/** `/v2/metadefs/namespaces/{namespace}/properties[/{property_name}]`. */
@Controller('v2/metadefs/namespaces/:namespace/properties')
export class PropertiesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @NoBody()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(@Ctx() context: RequestContext, @Param('namespace') namespace: string): Promise<string> {
    return this.queries.execute(new ListPropertiesQuery(context, namespace));
  }

  @Post()
  @HttpCode(201)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async create(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @JsonBody(PROPERTY_BODY) body: PropertyRequestDto,
  ): Promise<string> {
    const entry = await this.commands.execute(
      new CreatePropertyCommand(context, namespace, propertyInputOf(body)),
    );
    return JSON.stringify(propertyView(entry.name, entry.definition));
  }

  @Delete()
  @HttpCode(204)
  async deleteAll(@Ctx() context: RequestContext, @Param('namespace') namespace: string): Promise<void> {
    await this.commands.execute(new DeleteNamespacePropertiesCommand(context, namespace));
  }

  @Get(':property_name')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  show(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('property_name') propertyName: string,
    @QueryPairs() query: Pairs,
  ): Promise<string> {
    return this.queries.execute(new GetPropertyQuery(context, namespace, propertyName, query));
  }

  @Put(':property_name')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async update(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('property_name') propertyName: string,
    @JsonBody(PROPERTY_BODY) body: PropertyRequestDto,
  ): Promise<string> {
    const command = new UpdatePropertyCommand(context, namespace, propertyName, propertyInputOf(body));
    const entry = await this.commands.execute(command);
    return JSON.stringify(propertyView(entry.name, entry.definition));
  }

  @Delete(':property_name')
  @HttpCode(204)
  async delete(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('property_name') propertyName: string,
  ): Promise<void> {
    await this.commands.execute(new DeletePropertyCommand(context, namespace, propertyName));
  }
}
