import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { lastValue, visibilityFilter } from '../../../shared/application/query-params';
import { NamespaceDocument, namespaceOf } from '../../../read-model/documents';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { NamespaceNotFoundByNameError, ResourceNotFoundError } from '../../domain/namespace.errors';
import { isNamespaceVisible } from '../../domain/namespace.visibility';
import { namespaceDetail } from '../../representations/namespace.representation';
import { GetNamespaceQuery } from './get-namespace.query';

@QueryHandler(GetNamespaceQuery)
export class GetNamespaceHandler implements IQueryHandler<GetNamespaceQuery, string> {
  /** The unprefixed detail of each document, serialized once per document version. */
  private readonly serialized = new WeakMap<NamespaceDocument, string>();

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace, query }: GetNamespaceQuery): Promise<string> {
    visibilityFilter(query, ['public', 'private']);
    const resourceType = lastValue(query, 'resource_type');
    const { identity } = context;

    const document = await this.readModel.findNamespace(namespace);
    if (!document) throw new NamespaceNotFoundByNameError(namespace);
    if (!isNamespaceVisible(document, this.authorizer.callerOf(identity))) {
      throw new ResourceNotFoundError();
    }
    this.authorizer.authorize(identity, 'get_metadef_namespace', document);
    this.authorizer.authorize(identity, 'list_metadef_resource_types', document);
    this.authorizer.authorize(identity, 'get_metadef_objects', document);
    this.authorizer.authorize(identity, 'get_metadef_properties', document);
    this.authorizer.authorize(identity, 'get_metadef_tags', document);

    const prefix = resourceType
      ? document.resource_type_associations.find((entry) => entry.name === resourceType)?.prefix
      : undefined;
    if (prefix) {
      return JSON.stringify(namespaceDetail(namespaceOf(document), prefix));
    }
    let body = this.serialized.get(document);
    if (body === undefined) {
      body = JSON.stringify(namespaceDetail(namespaceOf(document)));
      this.serialized.set(document, body);
    }
    return body;
  }
}
