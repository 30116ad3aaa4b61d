import { Logger } from '@nestjs/common';
import { Query } from 'mingo';
import type {
  CatalogReadModel,
  NamespaceDocument,
  NamespaceQuery,
  ParkedRecord,
  ReadModelChanges,
  ResourceTypeDocument,
} from '@metadefs/catalog';

interface Waiter {
  readonly position: number;
  resolve(reached: boolean): void;
}

/**
 * The embedded read model: documents in memory, rebuilt from the log at every start. Queries
 * are the same MongoDB filter and sort documents the MongoDB adapter runs, evaluated by mingo.
 */
export class MemoryReadModel implements CatalogReadModel {
  readonly description = 'memory';
  private readonly logger = new Logger(MemoryReadModel.name);
  private readonly namespaces = new Map<number, NamespaceDocument>();
  private readonly byName = new Map<string, NamespaceDocument>();
  private readonly resourceTypes = new Map<string, ResourceTypeDocument>();
  private namespaceList?: NamespaceDocument[];
  private resourceTypeList?: ResourceTypeDocument[];
  private applied = 0;
  private changes = 0;
  private waiters: Waiter[] = [];
  private readonly parked: ParkedRecord[] = [];

  async findNamespace(name: string): Promise<NamespaceDocument | null> {
    return this.byName.get(name) ?? null;
  }

  async findNamespaces(query: NamespaceQuery): Promise<NamespaceDocument[]> {
    this.namespaceList ??= [...this.namespaces.values()];
    return new Query(query.filter)
      .find<NamespaceDocument>(this.namespaceList)
      .sort(query.sort)
      .limit(query.limit)
      .all();
  }

  async listResourceTypes(): Promise<ResourceTypeDocument[]> {
    this.resourceTypeList ??= [...this.resourceTypes.values()].sort((a, b) => a.seq - b.seq);
    return this.resourceTypeList;
  }

  revision(): number {
    return this.changes;
  }

  async apply(changes: ReadModelChanges, position: number): Promise<void> {
    if (position <= this.applied) {
      this.logger.debug('Skipped changes the read model already holds', { position });
      return;
    }
    for (const { id, document } of changes.namespaces) {
      const previous = this.namespaces.get(id);
      if (previous && this.byName.get(previous.namespace) === previous) {
        this.byName.delete(previous.namespace);
      }
      if (document) {
        this.namespaces.set(id, document);
        this.byName.set(document.namespace, document);
      } else {
        this.namespaces.delete(id);
      }
    }
    for (const { name, document } of changes.resourceTypes) {
      if (document) this.resourceTypes.set(name, document);
      else this.resourceTypes.delete(name);
    }
    if (changes.namespaces.length > 0) this.namespaceList = undefined;
    if (changes.resourceTypes.length > 0) this.resourceTypeList = undefined;
    this.changes += 1;
    this.applied = position;
    this.releaseWaiters();
  }

  async appliedPosition(): Promise<number> {
    return this.applied;
  }

  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.applied >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
        resolve(this.applied >= position);
      }, timeoutMs).unref();
    });
  }

  /** Advances the applied position for log records that changed nothing. */
  markApplied(position: number): void {
    if (position > this.applied) {
      this.applied = position;
      this.releaseWaiters();
    }
  }

  async park(record: ParkedRecord): Promise<void> {
    this.parked.push(record);
  }

  /** The records set aside since start, newest last. */
  parkedRecords(): readonly ParkedRecord[] {
    return this.parked;
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((waiter) => waiter.position <= this.applied);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.position > this.applied);
    for (const waiter of ready) waiter.resolve(true);
  }
}
