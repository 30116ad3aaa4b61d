import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CatalogModule } from '../catalog.module';
import { LOADER_COMMAND_HANDLERS } from './commands';
import { MetadefsLoader } from './metadefs-loader.service';

/** The catalog loader: load, unload and export of catalog files. */
@Module({
  imports: [CqrsModule, CatalogModule],
  providers: [...LOADER_COMMAND_HANDLERS, MetadefsLoader],
  exports: [MetadefsLoader],
})
export class LoaderModule {}
