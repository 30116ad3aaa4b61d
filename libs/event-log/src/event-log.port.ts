/** A record to append: the Kafka key, headers, and the value (one line of JSON text). */
export interface LogRecord {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A record read back from the log. */
export interface StoredRecord {
  /**
   * The record's place in the total order, starting at 1. Position 0 means "before the first
   * record". For Kafka it is the partition offset plus one; for the file log, the line number.
   */
  readonly position: number;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Where the record lives, for logs: the topic and partition, or the file. */
  readonly origin: { readonly log: string; readonly partition: number; readonly offset: string };
}

/** Receives records in log order, a batch at a time; the next batch waits for the promise. */
export type RecordHandler = (batch: readonly StoredRecord[]) => Promise<void> | void;

/** How a subscription consumes the log. */
export interface SubscribeOptions {
  /**
   * A durable consumer group: the adapter records the group's position after each batch the
   * handler finished, so operators see the group's lag. Without one, nothing is recorded.
   */
  readonly group?: string;
}

export interface LogSubscription {
  close(): Promise<void>;
}

/**
 * The append-only log of catalog events, the source of truth. Adapters: a local file for the
 * embedded default, a single-partition Kafka topic in production.
 */
export interface EventLog {
  /** A short description for logs, such as the file path or the topic. */
  readonly description: string;

  /**
   * Appends records as one unit, durably (flushed to disk, or acknowledged by every in-sync
   * replica), and returns their positions. Throws `EventLogUnavailableError` when the log
   * cannot be reached; the records are then either all appended or none.
   */
  append(records: readonly LogRecord[]): Promise<number[]>;

  /**
   * Delivers every record after position `after`, in order, then new records as they arrive,
   * until the subscription is closed.
   */
  subscribe(after: number, handler: RecordHandler, options?: SubscribeOptions): Promise<LogSubscription>;

  /** The position of the newest record in the log (0 for an empty log). */
  endPosition(): Promise<number>;

  close(): Promise<void>;
}

/** Nest injection token of the `EventLog` port. */
export const EVENT_LOG = Symbol('EVENT_LOG');

/** The log cannot be reached or refused a write; the caller may retry later. */
export class EventLogUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventLogUnavailableError';
  }
}
