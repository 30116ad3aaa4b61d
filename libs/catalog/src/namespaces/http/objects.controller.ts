import { Controller, Delete, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { RequestContext } from '../../shared/application/request-context';
import { QueryPairs as Pairs } from '../../shared/application/query-params';
import { JSON_CONTENT_TYPE } from '../../shared/http/json-response';
import { Ctx, JsonBody, NoBody, QueryPairs } from '../../shared/http/request-decorators';
import {
  CreateObjectCommand,
  DeleteNamespaceObjectsCommand,
  DeleteObjectCommand,
  UpdateObjectCommand,
} from '../commands';
import { CreateObjectRequestDto, UpdateObjectRequestDto } from '../dto/object.request.dto';
import { objectInputOf } from '../dto/request-inputs';
import { GetObjectQuery, ListObjectsQuery } from '../queries';
import { writtenObjectView } from '../representations/object.representation';

const READ_ONLY = ['self', 'schema', 'created_at', 'updated_at'];

/** `/v2/metadefs/namespaces/{namespace}/objects[/{object_name}]`. */
@Controller('v2/metadefs/namespaces/:namespace/objects')
export class ObjectsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @QueryPairs() query: Pairs,
  ): Promise<string> {
    return this.queries.execute(new ListObjectsQuery(context, namespace, query));
  }

  @Post()
  @HttpCode(201)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async create(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @JsonBody({
      dto: CreateObjectRequestDto,
      name: 'object',
      readOnly: READ_ONLY,
      strictNested: { path: 'properties', name: 'property' },
    })
    body: CreateObjectRequestDto,
  ): Promise<string> {
    const input = objectInputOf(body);
    const written = await this.commands.execute(new CreateObjectCommand(context, namespace, input));
    return JSON.stringify(writtenObjectView(written.namespace.namespace, input, written.object));
  }

  @Delete()
  @HttpCode(204)
  async deleteAll(@Ctx() context: RequestContext, @Param('namespace') namespace: string): Promise<void> {
    await this.commands.execute(new DeleteNamespaceObjectsCommand(context, namespace));
  }

  @Get(':object_name')
  @NoBody()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  show(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('object_name') objectName: string,
  ): Promise<string> {
    return this.queries.execute(new GetObjectQuery(context, namespace, objectName));
  }

  @Put(':object_name')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async update(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('object_name') objectName: string,
    @JsonBody({ dto: UpdateObjectRequestDto, name: 'object', readOnly: READ_ONLY })
    body: UpdateObjectRequestDto,
  ): Promise<string> {
    const input = objectInputOf(body);
    const command = new UpdateObjectCommand(context, namespace, objectName, input);
    const written = await this.commands.execute(command);
    return JSON.stringify(writtenObjectView(written.namespace.namespace, input, written.object));
  }

  @Delete(':object_name')
  @NoBody()
  @HttpCode(204)
  async delete(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('object_name') objectName: string,
  ): Promise<void> {
    await this.commands.execute(new DeleteObjectCommand(context, namespace, objectName));
  }
}
