import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  CATALOG_READ_MODEL,
  CatalogProjector,
  LogFollower,
  type CatalogReadModel,
} from '@metadefs/catalog';
import { CatalogConfig } from '@metadefs/config';
import { EVENT_LOG, type EventLog } from '@metadefs/event-log';
import { CATALOG_CONFIG } from '@metadefs/infrastructure';
import { MongoReadModel } from '@metadefs/read-model/mongodb';

/** How often the projector re-reads the `active_generation` pointer, in milliseconds. */
const POINTER_POLL_MS = 1000;

/**
 * How long the projector keeps writing the old generation after it first reads the pointer
 * name a new one, in milliseconds. API processes re-read the pointer every second, so by the
 * end of this period they read the new generation, which the rebuild keeps up to date.
 */
const HANDOVER_MS = 5000;

/**
 * Projects the event log into the read model. It folds the whole log from the first record to
 * know which commits took effect, writes only what the read model does not hold yet, and lets
 * the consumer group record its progress once the read model holds each batch.
 *
 * With MongoDB it follows the `active_generation` pointer: after a rebuild switched it, the
 * projector folds the log again into the new generation and records that it writes there.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private follower?: LogFollower;
  private pointerTimer?: NodeJS.Timeout;
  private checkingPointer = false;
  private announced?: { generation: string; seenAt: number };

  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    private readonly projector: CatalogProjector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.project();
    if (this.readModel instanceof MongoReadModel) {
      await this.checkPointer(this.readModel);
      const mongo = this.readModel;
      this.pointerTimer = setInterval(() => void this.checkPointer(mongo), POINTER_POLL_MS);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pointerTimer) clearInterval(this.pointerTimer);
    await this.follower?.stop();
  }

  /** Folds the log from its first record into the current generation and keeps following it. */
  private async project(): Promise<void> {
    const started = Date.now();
    const follower = new LogFollower(this.log);
    follower.addListener(this.projector);
    this.follower = follower;
    const checkpoint = await this.readModel.appliedPosition();
    this.logger.log('Projecting the event log', {
      log: this.log.description,
      readModel: this.readModel.description,
      generation: this.generationOf(this.readModel),
      checkpoint,
    });
    await follower.start({ group: this.config.KAFKA_PROJECTOR_GROUP });
    this.logger.log('The read model caught up with the event log', {
      position: follower.position,
      namespaces: follower.state.namespaceCount,
      durationMs: Date.now() - started,
    });
  }

  /** Moves to the generation the pointer names, once the handover period has passed. */
  private async checkPointer(readModel: MongoReadModel): Promise<void> {
    if (this.checkingPointer) return;
    this.checkingPointer = true;
    try {
      const pointer = await readModel.readPointer();
      const generation = pointer?.generation ?? '';
      if (generation === readModel.generation) {
        this.announced = undefined;
        if (pointer && pointer.projectorGeneration !== generation)
          await readModel.acknowledgeGeneration(generation);
        return;
      }
      if (this.announced?.generation !== generation) {
        this.announced = { generation, seenAt: Date.now() };
        this.logger.log('A rebuild switched the active read-model generation; handing over', {
          from: this.generationOf(readModel),
          to: generation,
          handoverMs: HANDOVER_MS,
        });
        return;
      }
      if (Date.now() - this.announced.seenAt < HANDOVER_MS) return;

      await this.follower?.stop();
      await readModel.useGeneration(generation);
      await this.project();
      await readModel.acknowledgeGeneration(generation);
      this.announced = undefined;
      this.logger.log('Projecting into the new read-model generation', { generation });
    } catch (error) {
      this.logger.warn('Following the active read-model generation failed; retrying', {
        error: error instanceof Error ? error.message : String(error),
        retryInMs: POINTER_POLL_MS,
      });
    } finally {
      this.checkingPointer = false;
    }
  }

  private generationOf(readModel: CatalogReadModel): string {
    return readModel instanceof MongoReadModel ? readModel.generation || '(none)' : '(memory)';
  }
}
