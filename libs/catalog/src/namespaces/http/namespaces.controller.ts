import { Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { RequestContext } from '../../shared/application/request-context';
import { QueryPairs as Pairs } from '../../shared/application/query-params';
import { CatalogRequest } from '../../shared/http/catalog-request';
import { JSON_CONTENT_TYPE, locationOf } from '../../shared/http/json-response';
import { Ctx, JsonBody, NoBody, QueryPairs } from '../../shared/http/request-decorators';
import {
  CreateNamespaceCommand,
  DeleteNamespaceCommand,
  UpdateNamespaceCommand,
} from '../commands';
import { NamespaceRequestDto } from '../dto/namespace.request.dto';
import { namespaceInputOf } from '../dto/request-inputs';
import { GetNamespaceQuery, ListNamespacesQuery } from '../queries';
import { createdNamespaceView } from '../representations/created-namespace.representation';
import { namespaceLink, namespaceSummary } from '../representations/namespace.representation';

const NAMESPACE_BODY = {
  dto: NamespaceRequestDto,
  name: 'namespace',
  readOnly: ['self', 'schema', 'created_at', 'updated_at'],
};

/** `/v2/metadefs/namespaces` and `/v2/metadefs/namespaces/{namespace}`. */
@Controller('v2/metadefs/namespaces')
export class NamespacesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  list(@Ctx() context: RequestContext, @QueryPairs() query: Pairs): Promise<string> {
    return this.queries.execute(new ListNamespacesQuery(context, query));
  }

  @Post()
  @HttpCode(201)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async create(
    @Ctx() context: RequestContext,
    @JsonBody(NAMESPACE_BODY) body: NamespaceRequestDto,
    @Req() request: CatalogRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const input = namespaceInputOf(body);
    const { record } = await this.commands.execute(new CreateNamespaceCommand(context, input));
    reply.header('Location', locationOf(request, namespaceLink(record.namespace)));
    return JSON.stringify(createdNamespaceView(input, record));
  }

  @Get(':namespace')
  @NoBody()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  show(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @QueryPairs() query: Pairs,
  ): Promise<string> {
    return this.queries.execute(new GetNamespaceQuery(context, namespace, query));
  }

  @Put(':namespace')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async update(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @JsonBody(NAMESPACE_BODY) body: NamespaceRequestDto,
  ): Promise<string> {
    const command = new UpdateNamespaceCommand(context, namespace, namespaceInputOf(body));
    const record = await this.commands.execute(command);
    return JSON.stringify(namespaceSummary(record));
  }

  @Delete(':namespace')
  @NoBody()
  @HttpCode(204)
  async delete(@Ctx() context: RequestContext, @Param('namespace') namespace: string): Promise<void> {
    await this.commands.execute(new DeleteNamespaceCommand(context, namespace));
  }
}
