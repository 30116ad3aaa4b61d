import { Inject, Injectable } from '@nestjs/common';
import type { StoredRecord } from '@metadefs/event-log';
import { toNamespaceDocument } from '../namespaces/projections/namespace-document.projection';
import { toResourceTypeDocument } from '../read-model/documents';
import { CATALOG_READ_MODEL, type CatalogReadModel, ReadModelChanges } from '../read-model/read-model.port';
import { FoldResult } from './catalog-state';
import { Commit } from './commit';
import { FoldListener } from './log-follower';

/**
 * Writes the documents each folded commit changed into the read model. Commits that lost a
 * race or were set aside change no document but still advance the applied position, so
 * writers waiting on a later position are not held up.
 */
@Injectable()
export class CatalogProjector implements FoldListener {
  constructor(@Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel) {}

  async onCommit(_commit: Commit, result: FoldResult, position: number): Promise<void> {
    await this.readModel.apply(changesOf(result, position), position);
  }

  async onParked(record: StoredRecord, eventType: string | undefined, reason: string): Promise<void> {
    await this.readModel.park({
      log: record.origin.log,
      partition: record.origin.partition,
      offset: record.origin.offset,
      eventType: eventType ?? null,
      reason,
      value: record.value,
      parkedAt: new Date().toISOString(),
    });
  }
}

/** The documents to write for a folded commit. */
export function changesOf(result: FoldResult, position: number): ReadModelChanges {
  return {
    namespaces: result.namespaces.map((change) => ({
      id: change.seq,
      document: change.after && toNamespaceDocument(change.after, position),
    })),
    resourceTypes: result.resourceTypes.map((change) => ({
      name: change.name,
      document: change.after && toResourceTypeDocument(change.after, position),
    })),
  };
}
