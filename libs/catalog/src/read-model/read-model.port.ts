import { NamespaceDocument, ResourceTypeDocument } from './documents';

/** A MongoDB query document; the in-memory store evaluates the same documents. */
export type QueryFilter = Record<string, unknown>;

/** A MongoDB sort document: field → 1 (ascending) or -1 (descending), in priority order. */
export type QuerySort = Record<string, 1 | -1>;

/** A query over namespace documents, built once and run by any read-model adapter. */
export interface NamespaceQuery {
  readonly filter: QueryFilter;
  readonly sort: QuerySort;
  readonly limit: number;
}

/** The documents one folded commit changed. */
export interface ReadModelChanges {
  readonly namespaces: ReadonlyArray<
    { readonly id: number; readonly document?: NamespaceDocument }
  >;
  readonly resourceTypes: ReadonlyArray<
    { readonly name: string; readonly document?: ResourceTypeDocument }
  >;
}

/** A log record the projector could not use, kept for an operator to inspect. */
export interface ParkedRecord {
  readonly log: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventType: string | null;
  readonly reason: string;
  readonly value: string;
  readonly parkedAt: string;
}

/**
 * The read side of the catalog. Query handlers only read; only the projector writes, and every
 * write is idempotent: a document records the log position of the last change it holds, and
 * an older change never overwrites a newer one.
 */
export interface CatalogReadModel {
  /** A short description for logs, such as the database name. */
  readonly description: string;

  findNamespace(name: string): Promise<NamespaceDocument | null>;
  findNamespaces(query: NamespaceQuery): Promise<NamespaceDocument[]>;
  listResourceTypes(): Promise<ResourceTypeDocument[]>;

  /**
   * A number that changes whenever the read model does, for caching serialized responses in
   * this process; undefined when the store cannot tell cheaply (another process writes it).
   */
  revision(): number | undefined;

  /** Applies one commit's changes and records `position` as the last applied position. */
  apply(changes: ReadModelChanges, position: number): Promise<void>;

  /** The last log position whose changes the read model holds. */
  appliedPosition(): Promise<number>;

  /**
   * Resolves true once the read model holds every change up to `position`, or false after
   * `timeoutMs`.
   */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean>;

  park(record: ParkedRecord): Promise<void>;

  /** Releases connections, for adapters that hold any. */
  close?(): Promise<void>;
}

/** Nest injection token of the `CatalogReadModel` port. */
export const CATALOG_READ_MODEL = Symbol('CATALOG_READ_MODEL');
