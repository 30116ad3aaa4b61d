import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { CatalogFile } from '../../catalog-file';
import { LoadMode, LoadOutcome } from '../../load.decisions';

/** Loads one catalog file into the catalog, as `db_load_metadefs` does. */
export class LoadNamespaceFileCommand extends Command<LoadOutcome> {
  constructor(
    readonly context: RequestContext,
    readonly file: CatalogFile,
    readonly mode: LoadMode,
  ) {
    super();
  }
}
