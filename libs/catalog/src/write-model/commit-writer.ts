import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_LOG, EventLogUnavailableError, type EventLog } from '@metadefs/event-log';
import { ServiceUnavailableError } from '../shared/domain/catalog-error';
import { CatalogView } from '../shared/domain/catalog-view';
import { Decision, DecisionContext } from '../shared/domain/decision';
import { Clock } from '../shared/application/clock';
import { MetadefAuthorizer } from '../shared/application/metadef-authorizer';
import { Messages } from '../shared/domain/messages';
import { RequestContext } from '../shared/application/request-context';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../read-model/read-model.port';
import { WRITER_SETTINGS, type WriterSettings } from './writer-settings';
import { encodeCommit } from './event-envelope';
import { WriteModel } from './write-model.service';

/** Attempts before a write that keeps losing races gives up. */
const MAX_ATTEMPTS = 25;

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
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const now = this.clock.now();
      const state = this.writeModel.state;
      const decision = decide(state, this.authorizer.decisionContext(context.identity, now));
      if (decision.events.length === 0) return decision.result;

      const expected: Record<string, number> = {};
      for (const stream of decision.streams) expected[stream] = state.versionOf(stream);
      const commitId = randomUUID();
      const records = encodeCommit(decision.events, expected, this.metadataOf(context), now, commitId);

      const outcome = this.writeModel.follower.awaitCommit(commitId);
      const positions = await this.append(records, commitId);
      const result = await outcome;

      if (result === 'applied') {
        if (options.awaitReadModel !== false) {
          await this.awaitReadModel(positions[positions.length - 1], context);
        }
        return decision.result;
      }
      if (result === 'invalid') {
        throw new Error(`The fold rejected commit ${commitId} as invalid`);
      }
      this.logger.debug('A write lost a race and is decided again', {
        correlationId: context.requestId,
        attempt,
      });
    }
    throw new ServiceUnavailableError(Messages.WRITE_CONFLICT_RETRIES_EXHAUSTED);
  }

  private async append(records: Parameters<EventLog['append']>[0], commitId: string): Promise<number[]> {
    try {
      return await this.log.append(records);
    } catch (error) {
      this.writeModel.follower.forgetCommit(commitId);
      if (error instanceof EventLogUnavailableError) {
        throw new ServiceUnavailableError(Messages.EVENT_LOG_UNAVAILABLE, undefined, { cause: error });
      }
      throw error;
    }
  }

  private async awaitReadModel(position: number, context: RequestContext): Promise<void> {
    const reached = await this.readModel.waitForPosition(position, this.settings.readYourWritesTimeoutMs);
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
