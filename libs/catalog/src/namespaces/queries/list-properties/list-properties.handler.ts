import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { definitionsToMap, sortedByName } from '../../../shared/domain/property-definition';
import { DocumentMemo } from '../../../shared/application/document-memo';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { requireVisibleNamespace } from '../../domain/namespace.visibility';
import { ListPropertiesQuery } from './list-properties.query';

@QueryHandler(ListPropertiesQuery)
export class ListPropertiesHandler implements IQueryHandler<ListPropertiesQuery, string> {
  private readonly memo = new DocumentMemo();

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace }: ListPropertiesQuery): Promise<string> {
    const { identity } = context;
    const document = requireVisibleNamespace(
      await this.readModel.findNamespace(namespace),
      namespace,
      this.authorizer.callerOf(identity),
    );
    this.authorizer.authorize(identity, 'get_metadef_properties', document);
    return this.memo.get(document, 'properties', () =>
      JSON.stringify({ properties: definitionsToMap(sortedByName(document.properties)) }),
    );
  }
}
