import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';

/** Deletes every namespace and resource type, as `db_unload_metadefs` does. */
export class UnloadMetadefsCommand extends Command<{ namespaces: number; resourceTypes: number }> {
  constructor(readonly context: RequestContext) {
    super();
  }
}
