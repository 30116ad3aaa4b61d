import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../../shared/application/request-context';
import { UnloadBatch } from '../../load.decisions';

/**
 * Deletes the next batch of namespaces, then resource types, as `db_unload_metadefs` does.
 * The result gives how many entities are left; repeat the command until none are.
 */
export class UnloadMetadefsCommand extends Command<UnloadBatch> {
  constructor(readonly context: RequestContext) {
    super();
  }
}
