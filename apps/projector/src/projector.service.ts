import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CATALOG_READ_MODEL, CatalogProjector, LogFollower, type CatalogReadModel } from '@metadefs/catalog';
import { CatalogConfig } from '@metadefs/config';
import { EVENT_LOG, type EventLog } from '@metadefs/event-log';
import { CATALOG_CONFIG } from '@metadefs/infrastructure';

/**
 * Projects the event log into the read model. It folds the whole log from the first record to
 * know which commits took effect, writes only what the read model does not hold yet, and lets
 * the consumer group record its progress once the read model holds each batch.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectorService.name);
  private readonly follower: LogFollower;

  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    projector: CatalogProjector,
  ) {
    this.follower = new LogFollower(log);
    this.follower.addListener(projector);
  }

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const checkpoint = await this.readModel.appliedPosition();
    this.logger.log('Projecting the event log', {
      log: this.log.description,
      readModel: this.readModel.description,
      checkpoint,
    });
    await this.follower.start({ group: this.config.KAFKA_PROJECTOR_GROUP });
    this.logger.log('The read model caught up with the event log', {
      position: this.follower.position,
      namespaces: this.follower.state.namespaceCount,
      durationMs: Date.now() - started,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
