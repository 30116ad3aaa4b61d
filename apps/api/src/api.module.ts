import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CatalogModule } from '@metadefs/catalog';
import { CatalogConfig } from '@metadefs/config';
import { ErrorRenderer, VersionsController } from '@metadefs/http';
import { CatalogI18nModule } from '@metadefs/i18n';
import { InfrastructureModule } from '@metadefs/infrastructure';

/** The API app: the metadefs routes, version discovery and error rendering. */
@Module({})
export class ApiModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CqrsModule.forRoot({ rethrowUnhandled: true }),
        CatalogI18nModule,
        InfrastructureModule.forRoot(config),
        CatalogModule,
      ],
      controllers: [VersionsController],
      providers: [ErrorRenderer],
    };
  }
}
