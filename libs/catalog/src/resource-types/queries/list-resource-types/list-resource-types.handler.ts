import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { ResponseCache } from '../../../shared/application/response-cache';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { resourceTypeView } from '../../representations/resource-type.representation';
import { ListResourceTypesQuery } from './list-resource-types.query';

/** Every resource type ever created, in creation order; associations do not matter. */
@QueryHandler(ListResourceTypesQuery)
export class ListResourceTypesHandler implements IQueryHandler<ListResourceTypesQuery, string> {
  private readonly cache = new ResponseCache(1);

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context }: ListResourceTypesQuery): Promise<string> {
    this.authorizer.authorize(context.identity, 'list_metadef_resource_types');
    return this.cache.getOrRender('all', this.readModel.revision(), async () => {
      const types = await this.readModel.listResourceTypes();
      return JSON.stringify({ resource_types: types.map(resourceTypeView) });
    });
  }
}
