import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_LOG, EventLogUnavailableError, type EventLog } from '@metadefs/event-log';
import { CatalogError, ServiceUnavailableError } from '../shared/domain/catalog-error';
import { CatalogView } from '../shared/domain/catalog-view';
import { Decision, DecisionContext } from '../shared/domain/decision';
import { Clock } from '../shared/application/clock';
import { MetadefAuthorizer } from '../shared/application/metadef-authorizer';
import { Messages } from '../shared/domain/messages';
import { RequestContext } from '../shared/application/request-context';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../read-model/read-model.port';
import { WRITER_SETTINGS, type WriterSettings } from './writer-settings';
import { CommitOutcome } from './commit';
import { encodeCommit } from './event-envelope';
import { StreamLocks } from './stream-locks';
import { WriteModel } from './write-model.service';

/** Attempts before a write that keeps losing races gives up. */
const MAX_ATTEMPTS = 25;

/**
 * The largest commit a write may append, in bytes of encoded events: half of the 8 MiB batch
 * the Kafka topic accepts. A body under the request size limit can still expand past it, for
 * instance thousands of embedded associations that each also create a resource type.
 */
export const MAX_COMMIT_BYTES = 4 * 1024 * 1024;

/**
 * How long a write waits for this process's follower to fold its own commit, in milliseconds.
 * The follower reads the record within milliseconds unless the broker went away right after
 * acknowledging the append.
 */
const COMMIT_OUTCOME_TIMEOUT_MS = 30000;

/**
 * Runs a command's decision against the write model and appends its events as one commit,
 * with optimistic concurrency: the commit records the stream versions the decision read, and
 * the fold voids it if another commit changed them first. A voided commit is decided again
 * against the newer state, so a duplicate create then fails with 409.
 *
 * The result returns only when the read model holds the commit, so the caller's next read,
 * on any replica, sees its write.
 */
@Injectable()
export class CommitWriter {
  private readonly logger = new Logger(CommitWriter.name);
  private readonly locks = new StreamLocks();

  constructor(
    private readonly writeModel: WriteModel,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    @Inject(WRITER_SETTINGS) private readonly settings: WriterSettings,
    private readonly authorizer: MetadefAuthorizer,
    private readonly clock: Clock,
  ) {}

  /**
   * Decides a command for the caller and appends the result. `decide` receives the catalog and
   * a context with the time, the caller and the policy; it may run more than once.
   */
  async write<R>(
    context: RequestContext,
    decide: (view: CatalogView, decisionContext: DecisionContext) => Decision<R>,
    options: { awaitReadModel?: boolean } = {},
  ): Promise<R> {
    await this.checkReadModel();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const first = await this.decideCurrent(context, decide, this.clock.now(), attempt === 1);
      if (first.decision.events.length === 0) return first.decision.result;

      // Decide again once this process's earlier writes to the same streams are folded: the
      // first decision may have read a state they were about to change.
      const release = await this.locks.acquire(first.decision.streams);
      let committed: { result: CommitOutcome; positions: number[]; decision: Decision<R> };
      try {
        const now = this.clock.now();
        const { decision, expected } = this.decideNow(
          decide,
          this.authorizer.decisionContext(context.identity, now),
        );
        if (decision.events.length === 0) return decision.result;
        committed = { ...(await this.commit(decision, expected, context, now)), decision };
      } finally {
        release();
      }

      if (committed.result === 'applied') {
        if (options.awaitReadModel !== false) {
          await this.awaitReadModel(committed.positions[committed.positions.length - 1], context);
        }
        return committed.decision.result;
      }
      this.logger.debug('A write lost a race and is decided again', {
        correlationId: context.requestId,
        attempt,
      });
    }
    throw new ServiceUnavailableError(Messages.WRITE_CONFLICT_RETRIES_EXHAUSTED);
  }

  /** Appends a decided commit and waits for the fold's verdict on it. */
  private async commit<R>(
    decision: Decision<R>,
    expected: Record<string, number>,
    context: RequestContext,
    now: Date,
  ): Promise<{ result: CommitOutcome; positions: number[] }> {
    const commitId = randomUUID();
    const records = encodeCommit(
      decision.events,
      expected,
      this.metadataOf(context),
      now,
      commitId,
    );
    const size = records.reduce((total, record) => total + Buffer.byteLength(record.value), 0);
    if (size > MAX_COMMIT_BYTES) {
      throw new CatalogError('too_large', {
        key: Messages.COMMIT_TOO_LARGE,
        params: { size, limit: MAX_COMMIT_BYTES },
      });
    }
    const outcome = this.writeModel.follower.awaitCommit(commitId);
    const positions = await this.append(records, commitId);
    const result = await this.awaitOutcome(outcome, commitId, positions, context);
    if (result === 'invalid') {
      throw new Error(`The fold rejected commit ${commitId} as invalid`);
    }
    return { result, positions };
  }

  /**
   * Decides against the write model. A decision that fails (404, 409, ...) may have read a
   * state that lags the log, for instance just after another replica committed the namespace
   * it needs. On the first attempt, such a decision is made once more after this process has
   * folded everything appended so far. A decision that succeeds needs no such check: a stale read
   * makes its expected versions wrong, and the fold voids the commit.
   */
  private async decideCurrent<R>(
    context: RequestContext,
    decide: (view: CatalogView, decisionContext: DecisionContext) => Decision<R>,
    now: Date,
    mayCatchUp: boolean,
  ): Promise<{ decision: Decision<R>; expected: Record<string, number> }> {
    const decisionContext = this.authorizer.decisionContext(context.identity, now);
    try {
      return this.decideNow(decide, decisionContext);
    } catch (error) {
      if (!mayCatchUp || !(error instanceof CatalogError) || !(await this.catchUp(context)))
        throw error;
      return this.decideNow(decide, decisionContext);
    }
  }

  /**
   * Decides and reads the versions of the streams the decision used, with no await in between,
   * so no commit folded meanwhile can make the versions newer than what the decision saw.
   */
  private decideNow<R>(
    decide: (view: CatalogView, decisionContext: DecisionContext) => Decision<R>,
    decisionContext: DecisionContext,
  ): { decision: Decision<R>; expected: Record<string, number> } {
    const state = this.writeModel.state;
    const decision = decide(state, decisionContext);
    const expected: Record<string, number> = {};
    for (const stream of decision.streams) expected[stream] = state.versionOf(stream);
    return { decision, expected };
  }

  /**
   * Waits until the follower has folded the log's current end. Returns false when it was there
   * already or cannot get there in time.
   */
  private async catchUp(context: RequestContext): Promise<boolean> {
    const follower = this.writeModel.follower;
    try {
      const end = await this.log.endPosition();
      if (end <= follower.position) return false;
      const timeoutMs = this.settings.readYourWritesTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const reached = follower.waitForPosition(end).then(() => true);
      const caughtUp = await Promise.race([reached, timedOut]);
      clearTimeout(timer);
      return caughtUp;
    } catch (error) {
      this.logger.warn('Could not check the write model against the end of the event log', {
        correlationId: context.requestId,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  /**
   * Rejects a write up front when the read model cannot be reached, so nothing is appended
   * that the caller could not read back.
   */
  private async checkReadModel(): Promise<void> {
    try {
      await this.readModel.appliedPosition();
    } catch (error) {
      if (error instanceof CatalogError) throw error;
      throw new ServiceUnavailableError(Messages.READ_MODEL_UNAVAILABLE, undefined, {
        cause: error,
      });
    }
  }

  /** The fold's verdict on a commit this process appended, or 503 if the follower never reports it. */
  private async awaitOutcome(
    outcome: Promise<CommitOutcome>,
    commitId: string,
    positions: number[],
    context: RequestContext,
  ): Promise<CommitOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), COMMIT_OUTCOME_TIMEOUT_MS);
    });
    const result = await Promise.race([outcome, timedOut]);
    clearTimeout(timer);
    if (result !== 'timeout') return result;
    this.writeModel.follower.forgetCommit(commitId);
    this.logger.error('The event log did not deliver an appended commit back in time', {
      correlationId: context.requestId,
      commitId,
      position: positions[positions.length - 1],
      timeoutMs: COMMIT_OUTCOME_TIMEOUT_MS,
    });
    // The commit is in the log and may still apply; the message tells the caller to check.
    throw new ServiceUnavailableError(Messages.EVENT_LOG_UNAVAILABLE);
  }

  private async append(
    records: Parameters<EventLog['append']>[0],
    commitId: string,
  ): Promise<number[]> {
    try {
      return await this.log.append(records);
    } catch (error) {
      this.writeModel.follower.forgetCommit(commitId);
      if (error instanceof EventLogUnavailableError) {
        throw new ServiceUnavailableError(Messages.EVENT_LOG_UNAVAILABLE, undefined, {
          cause: error,
        });
      }
      throw error;
    }
  }

  private async awaitReadModel(position: number, context: RequestContext): Promise<void> {
    const reached = await this.readModel.waitForPosition(
      position,
      this.settings.readYourWritesTimeoutMs,
    );
    if (!reached) {
      this.logger.warn('The read model did not show a write within the wait limit', {
        correlationId: context.requestId,
        position,
        timeoutMs: this.settings.readYourWritesTimeoutMs,
      });
    }
  }

  private metadataOf(context: RequestContext) {
    return {
      correlationId: context.requestId,
      userId: context.identity.userId,
      projectId: context.identity.projectId,
    };
  }
}
