import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentMemo } from '../../../shared/application/document-memo';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { requireVisibleNamespace } from '../../domain/namespace.visibility';
import { associationView } from '../../representations/association.representation';
import { ListResourceTypeAssociationsQuery } from './list-resource-type-associations.query';

@QueryHandler(ListResourceTypeAssociationsQuery)
export class ListResourceTypeAssociationsHandler implements IQueryHandler<
  ListResourceTypeAssociationsQuery,
  string
> {
  private readonly memo = new DocumentMemo();

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace }: ListResourceTypeAssociationsQuery): Promise<string> {
    const { identity } = context;
    const document = requireVisibleNamespace(
      await this.readModel.findNamespace(namespace),
      namespace,
      this.authorizer.callerOf(identity),
    );
    this.authorizer.authorize(identity, 'list_metadef_resource_types', document);
    const readable = this.authorizer.allows(identity, 'get_metadef_resource_type', document);
    return this.memo.get(document, readable ? 'readable' : 'filtered', () =>
      JSON.stringify({
        resource_type_associations: readable
          ? document.resource_type_associations.map(associationView)
          : [],
      }),
    );
  }
}
