import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '../../../shared/domain/catalog-error';
import { Messages } from '../../../shared/domain/messages';
import { sortedByName } from '../../../shared/domain/property-definition';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import {
  integerLimit,
  sortDirection,
  visibilityFilter,
} from '../../../shared/application/query-params';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { requireVisibleNamespace } from '../../domain/namespace.visibility';
import { OBJECTS_SCHEMA_LINK, objectView } from '../../representations/object.representation';
import { ListObjectsQuery } from './list-objects.query';

/**
 * Lists every object in name order. Glance validates `sort_dir`, `visibility` and
 * `limit` here but applies none of them, and returns no pagination links.
 */
@QueryHandler(ListObjectsQuery)
export class ListObjectsHandler implements IQueryHandler<ListObjectsQuery, string> {
  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace, query }: ListObjectsQuery): Promise<string> {
    sortDirection(query);
    visibilityFilter(query, ['public', 'private', 'shared']);
    const limit = integerLimit(query);
    if (limit !== undefined && limit < 1) {
      throw new InvalidInputError(Messages.LIMIT_NOT_POSITIVE);
    }
    const { identity } = context;
    const caller = this.authorizer.callerOf(identity);

    const document = requireVisibleNamespace(
      await this.readModel.findNamespace(namespace),
      namespace,
      caller,
      'not-found-by-name',
    );
    this.authorizer.authorize(identity, 'get_metadef_objects', document);
    const readable = this.authorizer.allows(identity, 'get_metadef_object', document)
      ? document.objects
      : [];

    return JSON.stringify({
      objects: sortedByName(readable).map((object) => objectView(document.namespace, object)),
      schema: OBJECTS_SCHEMA_LINK,
    });
  }
}
