import { DynamicModule, Module } from '@nestjs/common';
import { CatalogProjector } from '@metadefs/catalog';
import { CatalogConfig } from '@metadefs/config';
import { InfrastructureModule } from '@metadefs/infrastructure';
import { ProjectorService } from './projector.service';

/** The projector app: the event log in, the read model out. */
@Module({})
export class ProjectorModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [InfrastructureModule.forRoot(config, { followActiveGeneration: false })],
      providers: [CatalogProjector, ProjectorService],
    };
  }
}
