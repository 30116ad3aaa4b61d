import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../../../shared/domain/catalog-error';
import { Messages } from '../../../shared/domain/messages';
import { DocumentMemo } from '../../../shared/application/document-memo';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { lastValue } from '../../../shared/application/query-params';
import { NamespaceDocument } from '../../../read-model/documents';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { findProperty } from '../../domain/decisions/property.decisions';
import {
  AssociationNotFoundError,
  PropertyPrefixMismatchError,
} from '../../domain/namespace.errors';
import { requireVisibleNamespace } from '../../domain/namespace.visibility';
import { propertyView } from '../../representations/property.representation';
import { GetPropertyQuery } from './get-property.query';

@QueryHandler(GetPropertyQuery)
export class GetPropertyHandler implements IQueryHandler<GetPropertyQuery, string> {
  private readonly memo = new DocumentMemo();

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace, propertyName, query }: GetPropertyQuery): Promise<string> {
    const { identity } = context;
    const document = requireVisibleNamespace(
      await this.readModel.findNamespace(namespace),
      namespace,
      this.authorizer.callerOf(identity),
    );
    this.authorizer.authorize(identity, 'get_metadef_property', document);

    const resourceType = lastValue(query, 'resource_type');
    const storedName = resourceType
      ? await this.unprefixedName(document, propertyName, resourceType, context.identity)
      : propertyName;
    const property = findProperty(document, storedName);
    return this.memo.get(document, storedName, () =>
      JSON.stringify(propertyView(property.name, property.definition)),
    );
  }

  /**
   * Reads the URL name as prefixed for `resourceType`: the resource type must exist, be
   * associated with the namespace with a non-empty prefix, and the name must start with it.
   */
  private async unprefixedName(
    document: NamespaceDocument,
    propertyName: string,
    resourceType: string,
    identity: GetPropertyQuery['context']['identity'],
  ): Promise<string> {
    this.authorizer.authorize(identity, 'get_metadef_resource_type', document);
    const known = await this.readModel.listResourceTypes();
    if (!known.some((type) => type.name === resourceType)) {
      throw new NotFoundError(Messages.RESOURCE_TYPE_NOT_FOUND, { name: resourceType });
    }
    const association = document.resource_type_associations.find(
      (entry) => entry.name === resourceType,
    );
    if (!association) {
      throw new AssociationNotFoundError(resourceType, document.namespace);
    }
    const prefix = association.prefix;
    if (!prefix || !propertyName.startsWith(prefix)) {
      throw new PropertyPrefixMismatchError(propertyName, prefix);
    }
    return propertyName.slice(prefix.length);
  }
}
