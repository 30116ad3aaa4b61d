import { CatalogView } from '../shared/domain/catalog-view';
import { namespaceStream, resourceTypeStream } from '../shared/domain/decision';
import { EventNotApplicableError } from '../shared/domain/evolve-error';
import { evolveNamespace } from '../namespaces/domain/namespace.evolve';
import { NamespaceRecord } from '../namespaces/domain/namespace.types';
import { NamespaceEvent } from '../namespaces/events';
import { evolveResourceType } from '../resource-types/domain/resource-type.evolve';
import { ResourceTypeRecord } from '../resource-types/domain/resource-type.types';
import { isResourceTypeEvent } from './catalog-event';
import { Commit, CommitOutcome } from './commit';

/** A namespace a commit touched, keyed by its creation position (stable across renames). */
export interface NamespaceChange {
  readonly seq: number;
  /** The record after the commit; absent when the commit deleted the namespace. */
  readonly after?: NamespaceRecord;
}

/** A resource type a commit touched. */
export interface ResourceTypeChange {
  readonly name: string;
  readonly after?: ResourceTypeRecord;
}

/** What folding one commit did, and which records a projector must rewrite. */
export interface FoldResult {
  readonly outcome: CommitOutcome;
  readonly reason?: string;
  readonly namespaces: readonly NamespaceChange[];
  readonly resourceTypes: readonly ResourceTypeChange[];
}

/**
 * The whole catalog as a fold of the log. Every API process keeps one to decide commands
 * against, and the projector keeps one to know which commits took effect. Folding is
 * deterministic: it reads nothing but the commits.
 */
export class CatalogState implements CatalogView {
  private readonly byName = new Map<string, NamespaceRecord>();
  private readonly types = new Map<string, ResourceTypeRecord>();
  private readonly versions = new Map<string, number>();
  private lastPosition = 0;

  /** The log position of the last event folded. */
  get position(): number {
    return this.lastPosition;
  }

  namespace(name: string): NamespaceRecord | undefined {
    return this.byName.get(name);
  }

  resourceType(name: string): ResourceTypeRecord | undefined {
    return this.types.get(name);
  }

  namespaces(): Iterable<NamespaceRecord> {
    return this.byName.values();
  }

  resourceTypes(): Iterable<ResourceTypeRecord> {
    return this.types.values();
  }

  get namespaceCount(): number {
    return this.byName.size;
  }

  /** How many applied commits touched a stream; 0 for a stream never touched. */
  versionOf(stream: string): number {
    return this.versions.get(stream) ?? 0;
  }

  /**
   * Folds one commit. A commit whose expected stream versions no longer hold is a lost race
   * (`conflict`); one whose events do not fit the state is `invalid`. Either way nothing
   * changes but the position.
   */
  apply(commit: Commit): FoldResult {
    const last = commit.events[commit.events.length - 1];
    if (last) this.lastPosition = Math.max(this.lastPosition, last.position);

    for (const [stream, expected] of Object.entries(commit.expectedVersions)) {
      if (this.versionOf(stream) !== expected) {
        return { outcome: 'conflict', reason: `stream ${stream} moved`, namespaces: [], resourceTypes: [] };
      }
    }

    const staged = new StagedChanges(this);
    try {
      for (const { position, event } of commit.events) {
        if (isResourceTypeEvent(event)) {
          const name = event.data.name;
          staged.setType(name, evolveResourceType(staged.type(name), event, { position }));
        } else {
          staged.applyNamespaceEvent(event, position);
        }
      }
    } catch (error) {
      if (error instanceof EventNotApplicableError) {
        return { outcome: 'invalid', reason: error.message, namespaces: [], resourceTypes: [] };
      }
      throw error;
    }

    return this.merge(staged, Object.keys(commit.expectedVersions));
  }

  private merge(staged: StagedChanges, expectedStreams: string[]): FoldResult {
    const touched = new Set(expectedStreams);
    const bySeq = new Map<number, NamespaceChange>();

    for (const [name, record] of staged.namespaceEntries()) {
      const before = this.byName.get(name);
      if (record) this.byName.set(name, record);
      else this.byName.delete(name);
      touched.add(namespaceStream(name));
      if (before && !bySeq.has(before.seq)) bySeq.set(before.seq, { seq: before.seq });
      if (record) bySeq.set(record.seq, { seq: record.seq, after: record });
    }

    const resourceTypes: ResourceTypeChange[] = [];
    for (const [name, record] of staged.typeEntries()) {
      if (record) this.types.set(name, record);
      else this.types.delete(name);
      touched.add(resourceTypeStream(name));
      resourceTypes.push({ name, after: record });
    }

    for (const stream of touched) {
      this.versions.set(stream, this.versionOf(stream) + 1);
    }
    return { outcome: 'applied', namespaces: [...bySeq.values()], resourceTypes };
  }
}

/** The records a commit changes, kept apart from the state until every event has applied. */
class StagedChanges {
  private readonly namespaces = new Map<string, NamespaceRecord | undefined>();
  private readonly types = new Map<string, ResourceTypeRecord | undefined>();

  constructor(private readonly state: CatalogState) {}

  namespace(name: string): NamespaceRecord | undefined {
    return this.namespaces.has(name) ? this.namespaces.get(name) : this.state.namespace(name);
  }

  type(name: string): ResourceTypeRecord | undefined {
    return this.types.has(name) ? this.types.get(name) : this.state.resourceType(name);
  }

  setType(name: string, record: ResourceTypeRecord | undefined): void {
    this.types.set(name, record);
  }

  applyNamespaceEvent(event: NamespaceEvent, position: number): void {
    const name =
      event.type === 'org.openstack.metadefs.namespace.updated.v1'
        ? event.data.namespace_old
        : event.data.namespace;
    const next = evolveNamespace(this.namespace(name), event, { position });

    if (next && next.namespace !== name) {
      if (this.namespace(next.namespace)) {
        throw new EventNotApplicableError(event.type, `namespace ${next.namespace} already exists`);
      }
      this.namespaces.set(name, undefined);
      this.namespaces.set(next.namespace, next);
      return;
    }
    this.namespaces.set(name, next);
  }

  namespaceEntries(): IterableIterator<[string, NamespaceRecord | undefined]> {
    return this.namespaces.entries();
  }

  typeEntries(): IterableIterator<[string, ResourceTypeRecord | undefined]> {
    return this.types.entries();
  }
}
