import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoaderModule } from '@metadefs/catalog';
import { CatalogConfig } from '@metadefs/config';
import { InfrastructureModule } from '@metadefs/infrastructure';

/** The `metadefs` command-line tool: the loader over the configured event log. */
@Module({})
export class MetadefsCliModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: MetadefsCliModule,
      imports: [CqrsModule.forRoot({ rethrowUnhandled: true }), InfrastructureModule.forRoot(config), LoaderModule],
    };
  }
}
