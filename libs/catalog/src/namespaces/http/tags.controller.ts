import { Controller, Delete, Get, Header, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { RequestContext } from '../../shared/application/request-context';
import { QueryPairs as Pairs } from '../../shared/application/query-params';
import { JSON_CONTENT_TYPE } from '../../shared/http/json-response';
import { Ctx, Header as RequestHeader, JsonBody, NoBody, QueryPairs } from '../../shared/http/request-decorators';
import {
  CreateTagCommand,
  CreateTagsCommand,
  DeleteNamespaceTagsCommand,
  DeleteTagCommand,
  UpdateTagCommand,
} from '../commands';
import { TagRequestDto, TagsRequestDto } from '../dto/tag.request.dto';
import { GetTagQuery, ListTagsQuery } from '../queries';
import { tagView } from '../representations/tag.representation';

const TRUE_VALUES = new Set(['1', 't', 'true', 'on', 'y', 'yes']);

/** Whether `X-Openstack-Append` asks to keep existing tags, with oslo's boolean spellings. */
function isAppend(header: string | undefined): boolean {
  return header !== undefined && TRUE_VALUES.has(header.trim().toLowerCase());
}

/** `/v2/metadefs/namespaces/{namespace}/tags[/{tag_name}]`. */
@Controller('v2/metadefs/namespaces/:namespace/tags')
export class TagsController {
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
    return this.queries.execute(new ListTagsQuery(context, namespace, query));
  }

  @Post()
  @HttpCode(201)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async createMany(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @RequestHeader('X-Openstack-Append') append: string | undefined,
    @JsonBody({ dto: TagsRequestDto, name: 'tags', readOnly: ['created_at', 'updated_at'] })
    body: TagsRequestDto,
  ): Promise<string> {
    const names = body.tags.map((tag) => tag.name);
    const created = await this.commands.execute(
      new CreateTagsCommand(context, namespace, names, isAppend(append)),
    );
    return JSON.stringify({ tags: created.map((name) => ({ name })) });
  }

  @Delete()
  @HttpCode(204)
  async deleteAll(@Ctx() context: RequestContext, @Param('namespace') namespace: string): Promise<void> {
    await this.commands.execute(new DeleteNamespaceTagsCommand(context, namespace));
  }

  @Post(':tag_name')
  @NoBody()
  @HttpCode(201)
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async create(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('tag_name') tagName: string,
  ): Promise<string> {
    const tag = await this.commands.execute(new CreateTagCommand(context, namespace, tagName));
    return JSON.stringify(tagView(tag));
  }

  @Get(':tag_name')
  @NoBody()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  show(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('tag_name') tagName: string,
  ): Promise<string> {
    return this.queries.execute(new GetTagQuery(context, namespace, tagName));
  }

  @Put(':tag_name')
  @Header('Content-Type', JSON_CONTENT_TYPE)
  async update(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('tag_name') tagName: string,
    @JsonBody({ dto: TagRequestDto, name: 'tag', readOnly: ['created_at', 'updated_at'] })
    body: TagRequestDto,
  ): Promise<string> {
    const tag = await this.commands.execute(new UpdateTagCommand(context, namespace, tagName, body.name));
    return JSON.stringify(tagView(tag));
  }

  @Delete(':tag_name')
  @NoBody()
  @HttpCode(204)
  async delete(
    @Ctx() context: RequestContext,
    @Param('namespace') namespace: string,
    @Param('tag_name') tagName: string,
  ): Promise<void> {
    await this.commands.execute(new DeleteTagCommand(context, namespace, tagName));
  }
}
