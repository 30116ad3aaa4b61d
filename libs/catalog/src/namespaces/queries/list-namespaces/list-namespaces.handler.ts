import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { ResponseCache } from '../../../shared/application/response-cache';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { LIST_LIMITS, type ListLimits } from '../../../read-model/list-limits';
import { NamespaceNotFoundByNameError } from '../../domain/namespace.errors';
import { isNamespaceVisible } from '../../domain/namespace.visibility';
import {
  NAMESPACES_SCHEMA_LINK,
  namespaceListItem,
} from '../../representations/namespace.representation';
import { namespaceOf } from '../../../read-model/documents';
import { ListNamespacesQuery } from './list-namespaces.query';
import { namespaceListQuery, parseNamespaceListParams } from './namespace-list.definition';
import { firstLink, nextLink } from './namespace-list.links';

@QueryHandler(ListNamespacesQuery)
export class ListNamespacesHandler implements IQueryHandler<ListNamespacesQuery, string> {
  private readonly cache = new ResponseCache();

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    @Inject(LIST_LIMITS) private readonly limits: ListLimits,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, query }: ListNamespacesQuery): Promise<string> {
    const params = parseNamespaceListParams(query, this.limits);
    const { identity } = context;
    this.authorizer.authorize(identity, 'get_metadef_namespaces');
    this.authorizer.authorize(identity, 'list_metadef_resource_types');

    const cacheKey = JSON.stringify([identity.projectId, identity.roles, query]);
    return this.cache.getOrRender(cacheKey, this.readModel.revision(), async () => {
      const caller = this.authorizer.callerOf(identity);
      let marker;
      if (params.marker !== undefined) {
        marker = await this.readModel.findNamespace(params.marker);
        if (!marker || !isNamespaceVisible(marker, caller)) {
          throw new NamespaceNotFoundByNameError(params.marker);
        }
      }

      const documents =
        params.limit === 0
          ? []
          : await this.readModel.findNamespaces(namespaceListQuery(params, caller, marker));
      const readable = documents.filter((document) =>
        this.authorizer.allows(identity, 'get_metadef_namespace', document),
      );

      const body: Record<string, unknown> = {
        namespaces: readable.map((document) => namespaceListItem(namespaceOf(document))),
        first: firstLink(query),
        schema: NAMESPACES_SCHEMA_LINK,
      };
      if (readable.length === params.limit && readable.length > 0) {
        body.next = nextLink(query, readable[readable.length - 1].namespace);
      }
      return JSON.stringify(body);
    });
  }
}
