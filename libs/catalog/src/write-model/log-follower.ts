import { Logger } from '@nestjs/common';
import type { EventLog, LogSubscription, StoredRecord, SubscribeOptions } from '@metadefs/event-log';
import { CatalogState, FoldResult } from './catalog-state';
import { Commit, CommitOutcome } from './commit';
import { DecodedRecord, UnreadableRecordError, decodeRecord } from './event-envelope';

/** Told about every commit the follower folds. */
export interface FoldListener {
  onCommit(commit: Commit, result: FoldResult, position: number): Promise<void> | void;
  /** A record that cannot be read, or a commit cut short, set aside with the reason. */
  onParked?(record: StoredRecord, eventType: string | undefined, reason: string): Promise<void> | void;
}

/** Maximum pause between attempts to run a listener that failed, in milliseconds. */
const LISTENER_RETRY_MAX_DELAY_MS = 5000;

interface Waiter {
  readonly position: number;
  resolve(): void;
}

/**
 * Follows the event log from its start and folds it into a `CatalogState`. Records are grouped
 * into commits by their `commitid`; unreadable records and interrupted commits are logged with
 * their place in the log and set aside, never retried.
 */
export class LogFollower {
  private readonly logger = new Logger(LogFollower.name);
  readonly state = new CatalogState();
  private subscription?: LogSubscription;
  private pending: DecodedRecord[] = [];
  private readonly listeners: FoldListener[] = [];
  private readonly outcomes = new Map<string, (outcome: CommitOutcome) => void>();
  private waiters: Waiter[] = [];
  private lastSeen = 0;
  private stopped = false;

  constructor(private readonly log: EventLog) {}

  addListener(listener: FoldListener): void {
    this.listeners.push(listener);
  }

  /**
   * Starts following from the first record and resolves once everything in the log at that
   * moment is folded. With a consumer group, the log records the group's progress.
   */
  async start(options: SubscribeOptions = {}): Promise<void> {
    const end = await this.log.endPosition();
    this.subscription = await this.log.subscribe(0, (batch) => this.handle(batch), options);
    await this.waitForPosition(end);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
  }

  /** The position of the last record seen, folded or set aside. */
  get position(): number {
    return this.lastSeen;
  }

  /** Resolves when every record up to `position` is folded. */
  waitForPosition(position: number): Promise<void> {
    if (this.lastSeen >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /** Resolves with the outcome of a commit once the follower folds it. */
  awaitCommit(commitId: string): Promise<CommitOutcome> {
    return new Promise((resolve) => this.outcomes.set(commitId, resolve));
  }

  /** Stops waiting for a commit, for instance after its append failed. */
  forgetCommit(commitId: string): void {
    this.outcomes.delete(commitId);
  }

  private async handle(batch: readonly StoredRecord[]): Promise<void> {
    for (const record of batch) {
      // A log adapter may deliver a record again after its consumer restarted. Folding it twice
      // would break the commit grouping and void the commit the second time.
      if (record.position <= this.lastSeen) continue;
      await this.accept(record);
      this.lastSeen = record.position;
    }
    this.releaseWaiters();
  }

  private async accept(record: StoredRecord): Promise<void> {
    let decoded: DecodedRecord;
    try {
      decoded = decodeRecord(record);
    } catch (error) {
      if (!(error instanceof UnreadableRecordError)) throw error;
      await this.park(record, error.eventType, error.message);
      return;
    }

    const open = this.pending[0];
    if (open && open.envelope.commitid !== decoded.envelope.commitid) {
      await this.parkPending('the commit was interrupted by another commit');
    }
    if (this.pending.length !== decoded.envelope.commitindex) {
      await this.park(record, decoded.envelope.type, 'the record is out of order within its commit');
      return;
    }
    this.pending.push(decoded);
    if (this.pending.length === decoded.envelope.commitsize) {
      const records = this.pending;
      this.pending = [];
      await this.fold(records);
    }
  }

  private async fold(records: DecodedRecord[]): Promise<void> {
    const first = records[0];
    const commit: Commit = {
      id: first.envelope.commitid,
      expectedVersions: first.expectedVersions,
      events: records.map((record) => ({ position: record.position, event: record.event })),
    };
    const result = this.state.apply(commit);
    const position = records[records.length - 1].position;

    if (result.outcome === 'invalid') {
      this.logger.error('Set aside a commit whose events do not fit the catalog', {
        commitId: commit.id,
        position,
        reason: result.reason,
      });
    } else if (result.outcome === 'conflict') {
      this.logger.debug('A commit lost a race and was not applied', { commitId: commit.id, position });
    }
    for (const listener of this.listeners) {
      await this.retrying('Projecting a commit', { commitId: commit.id, position }, () =>
        listener.onCommit(commit, result, position),
      );
    }
    const resolve = this.outcomes.get(commit.id);
    if (resolve) {
      this.outcomes.delete(commit.id);
      resolve(result.outcome);
    }
  }

  private async parkPending(reason: string): Promise<void> {
    const records = this.pending;
    this.pending = [];
    for (const record of records) {
      await this.park(record.record, record.envelope.type, reason);
    }
  }

  private async park(record: StoredRecord, eventType: string | undefined, reason: string): Promise<void> {
    this.logger.error('Set aside an event log record', {
      log: record.origin.log,
      partition: record.origin.partition,
      offset: record.origin.offset,
      eventType: eventType ?? 'unknown',
      reason,
    });
    for (const listener of this.listeners) {
      if (!listener.onParked) continue;
      await this.retrying('Setting aside a record', { offset: record.origin.offset }, () =>
        listener.onParked!(record, eventType, reason),
      );
    }
  }

  /**
   * Runs a listener until it succeeds. The fold has already taken the commit, so skipping a
   * failed listener would lose the change for good. The usual cause is a read model that is
   * down, and waiting for it is the only way forward.
   */
  private async retrying(
    action: string,
    ids: Record<string, string | number>,
    task: () => Promise<void> | void,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await task();
        if (attempt > 1) this.logger.log(`${action} succeeded after retries`, { ...ids, attempts: attempt });
        return;
      } catch (error) {
        if (this.stopped) throw error;
        const delayMs = Math.min(LISTENER_RETRY_MAX_DELAY_MS, 100 * 2 ** (attempt - 1));
        this.logger.warn(`${action} failed; retrying`, {
          ...ids,
          attempt,
          delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((waiter) => waiter.position <= this.lastSeen);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.position > this.lastSeen);
    for (const waiter of ready) waiter.resolve();
  }
}
