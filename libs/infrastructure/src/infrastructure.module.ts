import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
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
import { EVENT_LOG, FileEventLog, KafkaEventLog, type EventLog } from '@metadefs/event-log';
import {
  AUTHENTICATOR,
  DEFAULT_POLICY_RULES,
  NoAuthAuthenticator,
  PolicyEngine,
  TrustedHeadersAuthenticator,
  type Authenticator,
} from '@metadefs/identity';
import { MemoryReadModel, MongoReadModel } from '@metadefs/read-model';

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
    if (this.readModel instanceof MongoReadModel) await this.readModel.close();
  }
}

/**
 * Chooses and builds the adapters behind the catalog's ports from the configuration: the event
 * log, the read model, the authentication strategy and the policy.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    const providers: Provider[] = [
      { provide: CATALOG_CONFIG, useValue: config },
      { provide: EVENT_LOG, useFactory: () => openEventLog(config) },
      { provide: CATALOG_READ_MODEL, useFactory: () => openReadModel(config) },
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

async function openEventLog(config: CatalogConfig): Promise<EventLog> {
  const log =
    config.EVENT_LOG === 'kafka'
      ? new KafkaEventLog({
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

async function openReadModel(config: CatalogConfig): Promise<CatalogReadModel> {
  if (config.READ_MODEL === 'memory') return new MemoryReadModel();
  const readModel = new MongoReadModel({ url: config.MONGODB_URL, database: config.MONGODB_DATABASE });
  await readModel.open();
  new Logger('ReadModel').log('Connected to the read model', { readModel: readModel.description });
  return readModel;
}

/** Glance's default rules, overridden rule by rule by the operator's policy file. */
export function buildPolicyEngine(config: Pick<CatalogConfig, 'POLICY_FILE'>): PolicyEngine {
  const rules: Record<string, string> = { ...DEFAULT_POLICY_RULES };
  if (config.POLICY_FILE) {
    const text = readFileSync(config.POLICY_FILE, 'utf8');
    const overrides = parseYaml(text) as Record<string, unknown> | null;
    for (const [rule, checkString] of Object.entries(overrides ?? {})) {
      if (typeof checkString !== 'string') {
        throw new Error(`Policy file ${config.POLICY_FILE}: rule "${rule}" must be a string`);
      }
      rules[rule] = checkString;
    }
  }
  return new PolicyEngine(rules);
}

function buildAuthenticator(config: CatalogConfig): Authenticator {
  switch (config.AUTH_STRATEGY) {
    case 'noauth':
      return new NoAuthAuthenticator(config.NOAUTH_PROJECT_ID);
    case 'trusted-headers':
      return new TrustedHeadersAuthenticator();
    case 'keystone':
      throw new Error('AUTH_STRATEGY=keystone is not available in this build');
  }
}
