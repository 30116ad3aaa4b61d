import { Logger } from '@nestjs/common';
import { Collection, Db, MongoClient, MongoServerError } from 'mongodb';
import {
  Messages,
  ServiceUnavailableError,
  type CatalogReadModel,
  type NamespaceDocument,
  type NamespaceQuery,
  type ParkedRecord,
  type ReadModelChanges,
  type ResourceTypeDocument,
} from '@metadefs/catalog';

/** Where the read model lives. */
export interface MongoReadModelOptions {
  readonly url: string;
  readonly database: string;
  /**
   * Suffix of the collection names; a rebuild fills a new generation next to the live one.
   * Without it, the adapter uses the generation the `active_generation` pointer names.
   */
  readonly generation?: string;
  /**
   * Whether to re-read the `active_generation` pointer every second and move reads to the
   * generation it names. The API does; the projector switches on its own terms.
   */
  readonly followActiveGeneration?: boolean;
  /** The checkpoint this process reads and writes, one per log partition. */
  readonly checkpointId?: string;
}

/**
 * A deleted document stays as a tombstone holding the position that deleted it, so an older
 * change replayed later cannot bring it back. Its name is moved out of the way of the unique
 * index, and queries skip it.
 */
interface Tombstone {
  readonly _id: number | string;
  readonly position: number;
  readonly deleted: true;
  readonly namespace?: string;
  readonly name?: string;
}

/**
 * A namespace as stored: the fields that queries filter and sort on, with the bulky children
 * (properties, objects, tags) as one JSON string. FerretDB decodes every document it scans,
 * and decoding one string costs a fraction of decoding the nested definitions; no query looks
 * inside the children.
 */
type StoredNamespaceDocument = Omit<NamespaceDocument, 'properties' | 'objects' | 'tags'> & {
  readonly children: string;
};

type StoredNamespace = StoredNamespaceDocument | Tombstone;

function toStored(document: NamespaceDocument): StoredNamespaceDocument {
  const { properties, objects, tags, ...fields } = document;
  return { ...fields, children: JSON.stringify({ properties, objects, tags }) };
}

function fromStored(stored: StoredNamespaceDocument): NamespaceDocument {
  const { children, ...fields } = stored;
  return { ...fields, ...(JSON.parse(children) as Pick<NamespaceDocument, 'properties' | 'objects' | 'tags'>) };
}
type StoredResourceType = ResourceTypeDocument | Tombstone;

/**
 * The document naming the generation of collections that readers use. A rebuild writes
 * `generation`; the projector writes `projectorGeneration` once it projects into it.
 */
export interface ActiveGenerationPointer {
  readonly _id: string;
  readonly generation: string;
  readonly previous?: string;
  readonly switchedAt?: string;
  readonly projectorGeneration?: string;
}

/** The collections of one generation. */
interface GenerationCollections {
  readonly generation: string;
  readonly namespaces: Collection<StoredNamespace>;
  readonly resourceTypes: Collection<StoredResourceType>;
  readonly checkpoints: Collection<{ _id: string; position: number }>;
}

const POINTER_COLLECTION = 'active_generation';
const POINTER_ID = 'catalog';
const POINTER_POLL_MS = 1000;
/** Minimum pause between two warnings about the same failing poll, in milliseconds. */
const WARNING_INTERVAL_MS = 10000;

const DUPLICATE_KEY = 11000;
const LIVE = { deleted: { $ne: true } };
/** Distinct list queries a snapshot keeps; a busy mix of queries simply refetches. */
const SNAPSHOT_LIST_LIMIT = 200;

/**
 * Documents this process fetched while the checkpoint stood at `position`. Every one was
 * written before that checkpoint, so while the checkpoint stays, they are current enough for
 * any reader: a write that answered 2xx moved the checkpoint first.
 */
interface Snapshot {
  readonly position: number;
  readonly generation: string;
  readonly namespaces: Map<string, NamespaceDocument | null>;
  readonly lists: Map<string, NamespaceDocument[]>;
  resourceTypes?: ResourceTypeDocument[];
}

/**
 * The production read model in MongoDB. Documents are written whole, guarded by the position
 * of the last change they hold, so replaying a change never moves a document backwards; a
 * checkpoint records the position every document has reached. Only features that FerretDB
 * also has are used: no transactions, change streams, `$elemMatch`, positional updates or
 * partial indexes.
 */
export class MongoReadModel implements CatalogReadModel {
  private readonly logger = new Logger(MongoReadModel.name);
  private readonly client: MongoClient;
  private db!: Db;
  private current!: GenerationCollections;
  private pointers!: Collection<ActiveGenerationPointer>;
  private parked!: Collection<ParkedRecord & { _id: string }>;
  private pointerTimer?: NodeJS.Timeout;
  private switching = false;
  private readonly warnings = new Map<string, { lastAt: number; suppressed: number }>();
  /** The checkpoint as this process last read or wrote it. */
  private applied = 0;
  private readonly waiters = new Set<{ position: number; resolve(reached: boolean): void }>();
  private polling = false;
  private snapshot?: Snapshot;

  constructor(private readonly options: MongoReadModelOptions) {
    this.client = new MongoClient(options.url, {
      serverSelectionTimeoutMS: 5000,
      connectTimeoutMS: 5000,
      maxPoolSize: 20,
    });
  }

  get description(): string {
    return `mongodb database ${this.options.database}`;
  }

  private get checkpointId(): string {
    return this.options.checkpointId ?? 'log:0';
  }

  /** The collection suffix in use; empty for the collections without suffix. */
  get generation(): string {
    return this.current.generation;
  }

  /**
   * Connects, picks the generation (the explicit option, else the active one), creates its
   * indexes and reads its checkpoint.
   */
  async open(): Promise<void> {
    await this.client.connect();
    this.db = this.client.db(this.options.database);
    this.pointers = this.db.collection(POINTER_COLLECTION);
    this.parked = this.db.collection('parked_events');
    const generation = this.options.generation ?? (await this.activeGeneration());
    this.current = await this.prepare(generation);
    this.applied = await this.readCheckpoint();
    if (this.options.followActiveGeneration && this.options.generation === undefined) {
      this.pointerTimer = setInterval(() => void this.followPointer(), POINTER_POLL_MS);
      this.pointerTimer.unref();
    }
  }

  async close(): Promise<void> {
    if (this.pointerTimer) clearInterval(this.pointerTimer);
    await this.client.close();
  }

  /** Reads the generation the pointer names; empty when no rebuild ever switched it. */
  async activeGeneration(): Promise<string> {
    return (await this.readPointer())?.generation ?? '';
  }

  async readPointer(): Promise<ActiveGenerationPointer | null> {
    return this.pointers.findOne({ _id: POINTER_ID });
  }

  /** Points readers at `generation`, remembering the generation it replaces. */
  async activate(generation: string): Promise<void> {
    const previous = await this.activeGeneration();
    await this.pointers.updateOne(
      { _id: POINTER_ID },
      { $set: { generation, previous, switchedAt: new Date().toISOString() } },
      { upsert: true },
    );
    this.logger.log('Switched the active read-model generation', { previous, generation });
  }

  /** Records that the live projector now writes `generation`. */
  async acknowledgeGeneration(generation: string): Promise<void> {
    await this.pointers.updateOne({ _id: POINTER_ID }, { $set: { projectorGeneration: generation } }, { upsert: true });
  }

  /**
   * Moves reads and writes to another generation at once, with its own checkpoint. The
   * projector uses this, then folds the log again into the new generation.
   */
  async useGeneration(generation: string): Promise<void> {
    this.current = await this.prepare(generation);
    this.applied = await this.readCheckpoint();
  }

  /** Lists the collections of a generation, for an operator who drops an old one. */
  static collectionNames(generation: string): string[] {
    const suffix = generation ? `_${generation}` : '';
    return [`namespaces${suffix}`, `resource_types${suffix}`, `checkpoints${suffix}`];
  }

  private async prepare(generation: string): Promise<GenerationCollections> {
    const [namespaces, resourceTypes, checkpoints] = MongoReadModel.collectionNames(generation);
    const collections: GenerationCollections = {
      generation,
      namespaces: this.db.collection(namespaces),
      resourceTypes: this.db.collection(resourceTypes),
      checkpoints: this.db.collection(checkpoints),
    };
    await collections.namespaces.createIndex({ namespace: 1 }, { unique: true, name: 'namespace_unique' });
    await collections.namespaces.createIndex({ 'resource_type_associations.name': 1 }, { name: 'by_resource_type' });
    await collections.namespaces.createIndex({ created_at: -1, _id: -1 }, { name: 'by_created_at' });
    await collections.resourceTypes.createIndex({ seq: 1 }, { name: 'by_seq' });
    return collections;
  }

  /**
   * Moves reads to the generation the pointer names once that generation contains at least
   * what this process has already shown, so no reader sees an acknowledged write disappear.
   */
  private async followPointer(): Promise<void> {
    if (this.switching) return;
    this.switching = true;
    try {
      const generation = await this.activeGeneration();
      if (generation === this.current.generation) return;
      const next = await this.prepare(generation);
      for (let waitedMs = 0; ; waitedMs += 100) {
        const position = (await next.checkpoints.findOne({ _id: this.checkpointId }))?.position ?? 0;
        if (position >= this.applied) break;
        if (waitedMs % 5000 === 0) {
          this.logger.log('Waiting for the new read-model generation to catch up before reading it', {
            generation,
            position,
            required: this.applied,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const previous = this.current.generation;
      this.current = next;
      this.logger.log('Reading the new read-model generation', { previous, generation });
    } catch (error) {
      this.warnRateLimited('pointer', 'Reading the active read-model generation failed', error);
    } finally {
      this.switching = false;
    }
  }

  /**
   * Each read first checks the checkpoint, one small query, and serves documents fetched at
   * the same checkpoint from memory: a large namespace document costs far more to fetch and
   * decode than the checkpoint.
   */
  async findNamespace(name: string): Promise<NamespaceDocument | null> {
    return this.read(async () => {
      const snapshot = await this.currentSnapshot();
      if (snapshot.namespaces.has(name)) return snapshot.namespaces.get(name) ?? null;
      // An equality on the indexed name alone lets FerretDB use the index; tombstones are
      // dropped here instead of in the filter.
      const stored = await this.current.namespaces.findOne({ namespace: name });
      const found = stored && !('deleted' in stored) ? fromStored(stored as StoredNamespaceDocument) : null;
      snapshot.namespaces.set(name, found);
      return found;
    });
  }

  async findNamespaces(query: NamespaceQuery): Promise<NamespaceDocument[]> {
    return this.read(async () => {
      const snapshot = await this.currentSnapshot();
      const key = JSON.stringify(query);
      const cached = snapshot.lists.get(key);
      if (cached) return cached;
      const stored = (await this.current.namespaces
        .find({ $and: [LIVE, query.filter] })
        .sort(query.sort)
        .limit(query.limit)
        .toArray()) as StoredNamespaceDocument[];
      const found = stored.map(fromStored);
      if (snapshot.lists.size < SNAPSHOT_LIST_LIMIT) snapshot.lists.set(key, found);
      return found;
    });
  }

  async listResourceTypes(): Promise<ResourceTypeDocument[]> {
    return this.read(async () => {
      const snapshot = await this.currentSnapshot();
      snapshot.resourceTypes ??= (await this.current.resourceTypes
        .find(LIVE)
        .sort({ seq: 1 })
        .toArray()) as ResourceTypeDocument[];
      return snapshot.resourceTypes;
    });
  }

  /** The snapshot for the checkpoint as it is now, a new empty one when it moved. */
  private async currentSnapshot(): Promise<Snapshot> {
    const position = await this.readCheckpoint();
    this.applied = Math.max(this.applied, position);
    const generation = this.current.generation;
    if (this.snapshot?.position !== position || this.snapshot.generation !== generation) {
      this.snapshot = { position, generation, namespaces: new Map(), lists: new Map() };
    }
    return this.snapshot;
  }

  revision(): undefined {
    return undefined;
  }

  /**
   * Writes one commit's documents: deletions first (a commit may delete a namespace and create
   * another with its name), then replacements, then the checkpoint. Changes at or below the
   * checkpoint were applied before and are skipped.
   */
  async apply(changes: ReadModelChanges, position: number): Promise<void> {
    if (position <= this.applied) return;
    for (const { id, document } of changes.namespaces) {
      if (!document) {
        await this.guardedReplace(this.current.namespaces, id, {
          _id: id,
          position,
          deleted: true,
          namespace: `\u0000deleted:${id}`,
        });
      }
    }
    for (const { id, document } of changes.namespaces) {
      if (document) await this.guardedReplace(this.current.namespaces, id, toStored(document));
    }
    for (const { name, document } of changes.resourceTypes) {
      const stored: StoredResourceType = document ?? { _id: name, name, position, deleted: true };
      await this.guardedReplace(this.current.resourceTypes, name, stored);
    }
    await this.writeCheckpoint(position);
  }

  async appliedPosition(): Promise<number> {
    this.applied = Math.max(this.applied, await this.readCheckpoint());
    return this.applied;
  }

  /**
   * Polls the checkpoint until it reaches `position`. One poll loop serves every waiter of
   * this process, so concurrent writers add no extra queries.
   */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.applied >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiters.add(waiter);
      setTimeout(() => {
        if (this.waiters.delete(waiter)) resolve(false);
      }, timeoutMs).unref();
      void this.poll();
    });
  }

  /**
   * Stores a record set aside, once: the log place is the key, so a replay of the log leaves
   * the collection as it was.
   */
  async park(record: ParkedRecord): Promise<void> {
    const _id = `${record.log}:${record.partition}:${record.offset}`;
    try {
      // An insert rather than an upsert with $setOnInsert: FerretDB v1.24 drops null fields
      // (eventType) from $setOnInsert.
      await this.parked.insertOne({ _id, ...record });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      let delayMs = 1;
      while (this.waiters.size > 0) {
        try {
          this.applied = Math.max(this.applied, await this.readCheckpoint());
        } catch (error) {
          this.warnRateLimited('checkpoint', 'Reading the read-model checkpoint failed', error);
        }
        for (const waiter of [...this.waiters]) {
          if (waiter.position <= this.applied) {
            this.waiters.delete(waiter);
            waiter.resolve(true);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs + 1, 5);
      }
    } finally {
      this.polling = false;
    }
  }

  private async guardedReplace<T extends StoredNamespace | StoredResourceType>(
    collection: Collection<T>,
    id: number | string,
    document: T,
  ): Promise<void> {
    try {
      await collection.replaceOne(
        { _id: id, position: { $lt: document.position } } as never,
        document as never,
        { upsert: true },
      );
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
        this.logger.debug('Skipped a change the read model already holds', { id, position: document.position });
        return;
      }
      throw error;
    }
  }

  /** Logs a repeated failure at most once per WARNING_INTERVAL_MS, with how many were not logged. */
  private warnRateLimited(kind: string, message: string, error: unknown): void {
    const now = Date.now();
    const entry = this.warnings.get(kind) ?? { lastAt: 0, suppressed: 0 };
    if (now - entry.lastAt < WARNING_INTERVAL_MS) {
      entry.suppressed += 1;
      this.warnings.set(kind, entry);
      return;
    }
    this.logger.warn(message, {
      database: this.options.database,
      error: String(error),
      suppressedSinceLastWarning: entry.suppressed,
    });
    this.warnings.set(kind, { lastAt: now, suppressed: 0 });
  }

  private async readCheckpoint(): Promise<number> {
    const checkpoint = await this.current.checkpoints.findOne({ _id: this.checkpointId });
    return checkpoint?.position ?? 0;
  }

  private async writeCheckpoint(position: number): Promise<void> {
    try {
      await this.current.checkpoints.updateOne(
        { _id: this.checkpointId, position: { $lt: position } },
        { $set: { position } },
        { upsert: true },
      );
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
    this.applied = Math.max(this.applied, position);
  }

  /** Runs a query, reporting an unreachable database as 503. */
  private async read<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      this.logger.warn('A read-model query failed', { error: String(error) });
      throw new ServiceUnavailableError(Messages.READ_MODEL_UNAVAILABLE, undefined, { cause: error });
    }
  }
}
