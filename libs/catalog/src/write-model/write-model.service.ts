import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EVENT_LOG, type EventLog } from '@metadefs/event-log';
import { CatalogProjector } from './catalog-projector';
import { CatalogState } from './catalog-state';
import { LogFollower } from './log-follower';
import { WRITER_SETTINGS, type WriterSettings } from './writer-settings';

/**
 * The write model of this process: the catalog folded from the event log, which command
 * handlers decide against. It follows the log for the life of the process, so commits from
 * other processes show up here too.
 */
@Injectable()
export class WriteModel implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WriteModel.name);
  readonly follower: LogFollower;

  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(WRITER_SETTINGS) settings: WriterSettings,
    projector: CatalogProjector,
  ) {
    this.follower = new LogFollower(log);
    if (settings.projectInline) this.follower.addListener(projector);
  }

  get state(): CatalogState {
    return this.follower.state;
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    await this.follower.start();
    this.logger.log('Folded the event log', {
      log: this.log.description,
      position: this.follower.position,
      namespaces: this.state.namespaceCount,
      durationMs: Date.now() - started,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }
}
