import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import {
  CATALOG_READ_MODEL,
  type CatalogReadModel,
  LIST_LIMITS,
  POLICY_ENGINE,
  WRITER_SETTINGS,
  type ListLimits,
  type WriterSettings,
} from '@metadefs/catalog';
import { CatalogConfig } from '@metadefs/config';
import { EVENT_LOG, FileEventLog, type EventLog } from '@metadefs/event-log';
import {
  AUTHENTICATOR,
  DEFAULT_POLICY_RULES,
  KeystoneAuthenticator,
  NoAuthAuthenticator,
  PolicyEngine,
  TrustedHeadersAuthenticator,
  loadPolicyFile,
  type Authenticator,
} from '@metadefs/identity';
import { MemoryReadModel } from '@metadefs/read-model';

/** Nest injection token of the validated `CatalogConfig`. */
export const CATALOG_CONFIG = Symbol('CATALOG_CONFIG');

/** Closes the event log and the read model when the application shuts down. */
@Injectable()
class ConnectionCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
    await this.readModel.close?.();
  }
}

/**
 * Chooses and builds the adapters behind the catalog's ports from the configuration: the event
 * log, the read model, the authentication strategy and the policy.
 */
/** Adapter options that differ between the apps. */
export interface InfrastructureOptions {
  /**
   * Whether the MongoDB read model follows the `active_generation` pointer by itself (the
   * default, for the API); the projector switches generations on its own terms.
   */
  readonly followActiveGeneration?: boolean;
}

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: CatalogConfig, options: InfrastructureOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: CATALOG_CONFIG, useValue: config },
      { provide: EVENT_LOG, useFactory: () => openEventLog(config) },
      {
        provide: CATALOG_READ_MODEL,
        useFactory: () => openReadModel(config, { followActiveGeneration: options.followActiveGeneration ?? true }),
      },
      { provide: POLICY_ENGINE, useFactory: () => buildPolicyEngine(config) },
      { provide: AUTHENTICATOR, useFactory: () => buildAuthenticator(config) },
      {
        provide: WRITER_SETTINGS,
        useValue: {
          readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
          projectInline: config.READ_MODEL === 'memory',
        } satisfies WriterSettings,
      },
      {
        provide: LIST_LIMITS,
        useValue: {
          defaultLimit: config.LIMIT_PARAM_DEFAULT,
          maxLimit: config.API_LIMIT_MAX,
        } satisfies ListLimits,
      },
      ConnectionCloser,
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: providers.filter((provider) => provider !== ConnectionCloser),
    };
  }
}

/** Opens the event log the configuration names. */
export async function openEventLog(config: CatalogConfig): Promise<EventLog> {
  // The Kafka and MongoDB adapters are loaded only when configured: their drivers add tens of
  // megabytes to the embedded default's memory. The paths are relative because the build
  // rewrites `@metadefs/...` aliases in static imports only.
  const log =
    config.EVENT_LOG === 'kafka'
      ? new (await import('../../event-log/src/kafka')).KafkaEventLog({
          brokers: config.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
          topic: config.KAFKA_TOPIC,
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
          clientId: config.KAFKA_CLIENT_ID,
        })
      : new FileEventLog(config.DATA_DIR);
  await log.open();
  new Logger('EventLog').log('Opened the event log', { log: log.description });
  return log;
}

/** Opens the read model the configuration names; `generation` pins a MongoDB generation. */
export async function openReadModel(
  config: CatalogConfig,
  options: { followActiveGeneration?: boolean; generation?: string } = {},
): Promise<CatalogReadModel> {
  if (config.READ_MODEL === 'memory') return new MemoryReadModel();
  const { MongoReadModel } = await import('../../read-model/src/mongodb');
  const readModel = new MongoReadModel({
    url: config.MONGODB_URL,
    database: config.MONGODB_DATABASE,
    generation: options.generation,
    followActiveGeneration: options.followActiveGeneration,
  });
  await readModel.open();
  new Logger('ReadModel').log('Connected to the read model', {
    readModel: readModel.description,
    generation: readModel.generation || '(none)',
  });
  return readModel;
}

/**
 * Glance's default rules, overridden rule by rule by the operator's policy file. A policy file
 * that cannot be used stops the start with a `PolicyFileError` naming the file and the rules.
 */
export function buildPolicyEngine(config: Pick<CatalogConfig, 'POLICY_FILE'>): PolicyEngine {
  if (!config.POLICY_FILE) return new PolicyEngine(DEFAULT_POLICY_RULES);
  const { rules, warnings } = loadPolicyFile(config.POLICY_FILE);
  const logger = new Logger('Policy');
  for (const warning of warnings) logger.warn(`Policy file ${config.POLICY_FILE}: ${warning}`);
  logger.log('Loaded the policy file', { file: config.POLICY_FILE });
  return new PolicyEngine(rules);
}

function buildAuthenticator(config: CatalogConfig): Authenticator {
  switch (config.AUTH_STRATEGY) {
    case 'noauth':
      return new NoAuthAuthenticator(config.NOAUTH_PROJECT_ID);
    case 'trusted-headers':
      return new TrustedHeadersAuthenticator();
    case 'keystone':
      return buildKeystoneAuthenticator(config);
  }
}

function buildKeystoneAuthenticator(config: CatalogConfig): KeystoneAuthenticator {
  // loadConfig rejects AUTH_STRATEGY=keystone without a URL, user name and password.
  const authenticator = new KeystoneAuthenticator({
    url: config.KEYSTONE_URL as string,
    username: config.KEYSTONE_USERNAME as string,
    password: config.KEYSTONE_PASSWORD as string,
    userDomainId: config.KEYSTONE_USER_DOMAIN_ID,
    projectName: config.KEYSTONE_PROJECT_NAME,
    projectDomainId: config.KEYSTONE_PROJECT_DOMAIN_ID,
    cacheSeconds: config.KEYSTONE_CACHE_SECONDS,
    timeoutMs: config.KEYSTONE_TIMEOUT_MS,
    logger: new Logger('Keystone'),
  });
  // Not awaited: the API starts even while Keystone is down, and returns 503 until it is back.
  void authenticator.prefetchServiceToken();
  return authenticator;
}
