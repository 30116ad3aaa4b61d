import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { NAMESPACE_COMMAND_HANDLERS } from './namespaces/commands';
import { NamespacesController } from './namespaces/http/namespaces.controller';
import { ObjectsController } from './namespaces/http/objects.controller';
import { PropertiesController } from './namespaces/http/properties.controller';
import { ResourceTypeAssociationsController } from './namespaces/http/resource-type-associations.controller';
import { TagsController } from './namespaces/http/tags.controller';
import { NAMESPACE_QUERY_HANDLERS } from './namespaces/queries';
import { ResourceTypesController } from './resource-types/http/resource-types.controller';
import { RESOURCE_TYPE_QUERY_HANDLERS } from './resource-types/queries';
import { SchemasController } from './schemas/schemas.controller';
import { Clock, SystemClock } from './shared/application/clock';
import { MetadefAuthorizer } from './shared/application/metadef-authorizer';
import { NoBodyGuard } from './shared/http/request-decorators';
import { CatalogProjector } from './write-model/catalog-projector';
import { CommitWriter } from './write-model/commit-writer';
import { WriteModel } from './write-model/write-model.service';

/**
 * The metadefs API: controllers, command and query handlers, and the write model. The ports it
 * depends on (`EVENT_LOG`, `CATALOG_READ_MODEL`, `POLICY_ENGINE`, `WRITER_SETTINGS`,
 * `LIST_LIMITS`) come from a global infrastructure module chosen by configuration.
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    NamespacesController,
    ObjectsController,
    PropertiesController,
    TagsController,
    ResourceTypeAssociationsController,
    ResourceTypesController,
    SchemasController,
  ],
  providers: [
    ...NAMESPACE_COMMAND_HANDLERS,
    ...NAMESPACE_QUERY_HANDLERS,
    ...RESOURCE_TYPE_QUERY_HANDLERS,
    WriteModel,
    CommitWriter,
    CatalogProjector,
    MetadefAuthorizer,
    NoBodyGuard,
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [WriteModel, CommitWriter, MetadefAuthorizer, CatalogProjector, Clock],
})
export class CatalogModule {}
