import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentMemo } from '../../../shared/application/document-memo';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { lastValue, visibilityFilter } from '../../../shared/application/query-params';
import { namespaceOf } from '../../../read-model/documents';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { NamespaceNotFoundByNameError, ResourceNotFoundError } from '../../domain/namespace.errors';
import { isNamespaceVisible } from '../../domain/namespace.visibility';
import { namespaceDetail } from '../../representations/namespace.representation';
import { GetNamespaceQuery } from './get-namespace.query';

@QueryHandler(GetNamespaceQuery)
export class GetNamespaceHandler implements IQueryHandler<GetNamespaceQuery, string> {
  /** The detail of each document, per prefix, serialized once per document version. */
  private readonly memo = new DocumentMemo();

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
    return this.memo.get(document, prefix ?? '', () =>
      JSON.stringify(namespaceDetail(namespaceOf(document), prefix ?? undefined)),
    );
  }
}
