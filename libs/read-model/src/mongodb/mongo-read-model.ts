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
  /** Suffix of the collection names; a rebuild fills a new generation next to the live one. */
  readonly generation?: string;
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

type StoredNamespace = NamespaceDocument | Tombstone;
type StoredResourceType = ResourceTypeDocument | Tombstone;

const DUPLICATE_KEY = 11000;
const LIVE = { deleted: { $ne: true } };

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
  private namespaceCollection!: Collection<StoredNamespace>;
  private resourceTypeCollection!: Collection<StoredResourceType>;
  private checkpoints!: Collection<{ _id: string; position: number }>;
  private parked!: Collection<ParkedRecord>;
  /** The checkpoint as this process last read or wrote it. */
  private applied = 0;
  private readonly waiters = new Set<{ position: number; resolve(reached: boolean): void }>();
  private polling = false;

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

  /** Connects and creates the collections' indexes; reads the checkpoint. */
  async open(): Promise<void> {
    await this.client.connect();
    this.db = this.client.db(this.options.database);
    const suffix = this.options.generation ? `_${this.options.generation}` : '';
    this.namespaceCollection = this.db.collection(`namespaces${suffix}`);
    this.resourceTypeCollection = this.db.collection(`resource_types${suffix}`);
    this.checkpoints = this.db.collection(`checkpoints${suffix}`);
    this.parked = this.db.collection('parked_events');

    await this.namespaceCollection.createIndex({ namespace: 1 }, { unique: true, name: 'namespace_unique' });
    await this.namespaceCollection.createIndex({ 'resource_type_associations.name': 1 }, { name: 'by_resource_type' });
    await this.namespaceCollection.createIndex({ created_at: -1, _id: -1 }, { name: 'by_created_at' });
    await this.resourceTypeCollection.createIndex({ seq: 1 }, { name: 'by_seq' });
    this.applied = await this.readCheckpoint();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async findNamespace(name: string): Promise<NamespaceDocument | null> {
    return this.read(async () => {
      const found = await this.namespaceCollection.findOne({ namespace: name, ...LIVE });
      return (found as NamespaceDocument | null) ?? null;
    });
  }

  async findNamespaces(query: NamespaceQuery): Promise<NamespaceDocument[]> {
    return this.read(async () => {
      const found = await this.namespaceCollection
        .find({ $and: [LIVE, query.filter] })
        .sort(query.sort)
        .limit(query.limit)
        .toArray();
      return found as NamespaceDocument[];
    });
  }

  async listResourceTypes(): Promise<ResourceTypeDocument[]> {
    return this.read(async () => {
      const found = await this.resourceTypeCollection.find(LIVE).sort({ seq: 1 }).toArray();
      return found as ResourceTypeDocument[];
    });
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
        await this.guardedReplace(this.namespaceCollection, id, {
          _id: id,
          position,
          deleted: true,
          namespace: `\u0000deleted:${id}`,
        });
      }
    }
    for (const { id, document } of changes.namespaces) {
      if (document) await this.guardedReplace(this.namespaceCollection, id, document);
    }
    for (const { name, document } of changes.resourceTypes) {
      const stored: StoredResourceType = document ?? { _id: name, name, position, deleted: true };
      await this.guardedReplace(this.resourceTypeCollection, name, stored);
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

  async park(record: ParkedRecord): Promise<void> {
    await this.parked.insertOne({ ...record });
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
          this.logger.warn('Reading the read-model checkpoint failed', { error: String(error) });
        }
        for (const waiter of [...this.waiters]) {
          if (waiter.position <= this.applied) {
            this.waiters.delete(waiter);
            waiter.resolve(true);
          }
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, 20);
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

  private async readCheckpoint(): Promise<number> {
    const checkpoint = await this.checkpoints.findOne({ _id: this.checkpointId });
    return checkpoint?.position ?? 0;
  }

  private async writeCheckpoint(position: number): Promise<void> {
    try {
      await this.checkpoints.updateOne(
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
