import { Logger } from '@nestjs/common';
import { CatalogProjector, LogFollower } from '@metadefs/catalog';
import { CatalogConfig } from '@metadefs/config';
import { openEventLog } from '@metadefs/infrastructure';
import { MongoReadModel } from '@metadefs/read-model/mongodb';

/** Options of `rebuild`, from its command line. */
export interface RebuildOptions {
  /** Name of the new generation; a fresh one from the clock when absent. */
  readonly generation?: string;
  /** Fill the new generation but leave readers on the current one. */
  readonly switchReaders: boolean;
  /** How long to keep the new generation up to date while waiting for the live projector, in milliseconds. */
  readonly handoverTimeoutMs: number;
}

const GENERATION_NAME = /^[A-Za-z0-9_]{1,40}$/;

/** Reads `rebuild [--generation NAME] [--no-switch] [--handover-timeout SECONDS]`. */
export function parseRebuildArguments(args: readonly string[]): RebuildOptions {
  let generation: string | undefined;
  let switchReaders = true;
  let handoverTimeoutMs = 60000;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--no-switch') {
      switchReaders = false;
    } else if (arg === '--generation') {
      generation = args[++index];
      if (!generation || !GENERATION_NAME.test(generation)) {
        throw new Error('--generation needs a name of 1 to 40 letters, digits or underscores');
      }
    } else if (arg === '--handover-timeout') {
      const seconds = Number(args[++index]);
      if (!Number.isInteger(seconds) || seconds < 0)
        throw new Error('--handover-timeout needs a whole number of seconds');
      handoverTimeoutMs = seconds * 1000;
    } else {
      throw new Error(
        `Unknown rebuild argument ${arg}; usage: rebuild [--generation NAME] [--no-switch] [--handover-timeout SECONDS]`,
      );
    }
  }
  return { generation, switchReaders, handoverTimeoutMs };
}

/**
 * Replays the whole event log into a new generation of read-model collections, then points
 * readers at it. Readers keep using the current generation until the new one contains
 * everything they have shown, so nothing stops serving. The command keeps the new generation
 * up to date until the live projector writes it too, then exits. The old generation's
 * collections stay for an operator to inspect or drop.
 */
export async function rebuild(config: CatalogConfig, options: RebuildOptions): Promise<void> {
  if (config.READ_MODEL !== 'mongodb') {
    throw new Error(
      'rebuild needs READ_MODEL=mongodb; the in-memory read model is rebuilt at every start',
    );
  }
  const logger = new Logger('Rebuild');
  const generation = options.generation ?? `g${Date.now().toString(36)}`;
  const readModel = new MongoReadModel({
    url: config.MONGODB_URL,
    database: config.MONGODB_DATABASE,
    generation,
  });
  await readModel.open();
  const log = await openEventLog(config);
  const follower = new LogFollower(log);
  try {
    if ((await readModel.appliedPosition()) > 0) {
      throw new Error(
        `The read-model generation ${generation} is not empty; choose a new --generation name`,
      );
    }
    const previous = await readModel.activeGeneration();
    const started = Date.now();
    follower.addListener(new CatalogProjector(readModel));
    logger.log('Replaying the event log into a new read-model generation', {
      log: log.description,
      database: config.MONGODB_DATABASE,
      generation,
      previous: previous || '(none)',
    });
    await follower.start();
    logger.log('Replayed the event log', {
      generation,
      position: follower.position,
      namespaces: follower.state.namespaceCount,
      durationMs: Date.now() - started,
    });
    if (!options.switchReaders) return;

    await readModel.activate(generation);
    const deadline = Date.now() + options.handoverTimeoutMs;
    while ((await readModel.readPointer())?.projectorGeneration !== generation) {
      if (Date.now() > deadline) {
        logger.warn(
          'No projector took over the new generation in time; a projector started later will',
          {
            generation,
            waitedMs: options.handoverTimeoutMs,
          },
        );
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    logger.log('Readers use the new read-model generation', {
      generation,
      position: follower.position,
      previousCollections: MongoReadModel.collectionNames(previous).join(', '),
    });
  } finally {
    await follower.stop();
    await log.close();
    await readModel.close();
  }
}
