import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidationError,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  return value;
};

/** Nest's log levels that `LOG_LEVEL` accepts, from the most to the least severe. */
const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/**
 * The service's configuration, read from the environment once at start and validated; the
 * process exits with the list of problems when a value is invalid. `.env.example` lists every
 * key with its default.
 */
export class CatalogConfig {
  /** Address the API listens on. */
  @IsString()
  HOST = '127.0.0.1';

  /** TCP port the API listens on. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 9292;

  /** Folder of the embedded event log (`EVENT_LOG=file`). */
  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  /** The authentication strategy: `noauth`, `trusted-headers` or `keystone`. */
  @IsIn(['noauth', 'trusted-headers', 'keystone'])
  AUTH_STRATEGY: 'noauth' | 'trusted-headers' | 'keystone' = 'noauth';

  /** The project every caller acts in under `AUTH_STRATEGY=noauth`; it owns what they create. */
  @IsString()
  @MinLength(1)
  NOAUTH_PROJECT_ID = 'admin';

  /** Whether callers without identity get read-only anonymous access instead of 401. */
  @Transform(toBool)
  @IsBoolean()
  ALLOW_ANONYMOUS_ACCESS = false;

  /** Maximum namespace page size; a larger `limit` is reduced to it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  API_LIMIT_MAX = 1000;

  /** Namespace page size when a list gives no `limit`. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LIMIT_PARAM_DEFAULT = 25;

  /** Largest request body accepted, in bytes; larger bodies get 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  MAX_REQUEST_BODY_BYTES = 1024 * 1024;

  /** Longest `X-Openstack-Request-ID` accepted, in characters; longer ones get 431. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MAX_REQUEST_ID_LENGTH = 64;

  /** The event log adapter: `file` (embedded) or `kafka`. */
  @IsIn(['file', 'kafka'])
  EVENT_LOG: 'file' | 'kafka' = 'file';

  /** The read-model adapter: `memory` (embedded) or `mongodb`. */
  @IsIn(['memory', 'mongodb'])
  READ_MODEL: 'memory' | 'mongodb' = 'memory';

  /** Maximum time a write waits for the read model to show it before responding, in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  READ_YOUR_WRITES_TIMEOUT_MS = 5000;

  /** Log output: `text` for people, `json` for log collectors. */
  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  /** Lowest level logged: `error`, `warn`, `log`, `debug` or `verbose`. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'log';

  /** A YAML or JSON file of oslo.policy rules overriding Glance's defaults. */
  @IsOptional()
  @IsString()
  POLICY_FILE?: string;

  /** Kafka bootstrap brokers, comma-separated `host:port` (`EVENT_LOG=kafka`). */
  @IsString()
  @MinLength(1)
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** The topic that contains the event log. */
  @IsString()
  @MinLength(1)
  KAFKA_TOPIC = 'metadefs.events';

  /**
   * Partitions the topic is created with. The catalog writes every event to partition 0, the
   * single total order that decides conflicts; more partitions stay empty.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  KAFKA_TOPIC_PARTITIONS = 1;

  /** Replication factor the topic is created with; 3 in a production cluster. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR = 1;

  /** Kafka client id prefix of this process. */
  @IsString()
  @MinLength(1)
  KAFKA_CLIENT_ID = 'metadefs';

  /** Consumer group of the projector app. */
  @IsString()
  @MinLength(1)
  KAFKA_PROJECTOR_GROUP = 'metadefs-projector';

  /** MongoDB connection string (`READ_MODEL=mongodb`). */
  @IsString()
  @MinLength(1)
  MONGODB_URL = 'mongodb://127.0.0.1:27017';

  /** Database that contains the read models. */
  @IsString()
  @MinLength(1)
  MONGODB_DATABASE = 'metadefs';

  /** Keystone v3 endpoint that validates tokens (`AUTH_STRATEGY=keystone`), e.g. `http://keystone:5000/v3`. */
  @IsOptional()
  @IsString()
  KEYSTONE_URL?: string;

  /** The service user that validates tokens. */
  @IsOptional()
  @IsString()
  KEYSTONE_USERNAME?: string;

  /** Password of the service user. */
  @IsOptional()
  @IsString()
  KEYSTONE_PASSWORD?: string;

  /** Project the service user authenticates in. */
  @IsString()
  KEYSTONE_PROJECT_NAME = 'service';

  /** Domain of the service user. */
  @IsString()
  KEYSTONE_USER_DOMAIN_ID = 'default';

  /** Domain of the service user's project. */
  @IsString()
  KEYSTONE_PROJECT_DOMAIN_ID = 'default';

  /** How long a validated token is cached, in seconds; never past the token's expiry. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  KEYSTONE_CACHE_SECONDS = 60;

  /** Timeout of each request to Keystone, in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  KEYSTONE_TIMEOUT_MS = 5000;
}

/** Configuration values are invalid; the message lists every problem. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Reads and validates the configuration from an environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  const known = Object.keys(new CatalogConfig());
  const source: Record<string, string> = {};
  const optional = ['POLICY_FILE', 'KEYSTONE_URL', 'KEYSTONE_USERNAME', 'KEYSTONE_PASSWORD'];
  for (const key of [...known, ...optional]) {
    const value = env[key];
    if (value !== undefined && value !== '') source[key] = value;
  }
  const config = plainToInstance(CatalogConfig, source, { exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap(describe);

  if (config.AUTH_STRATEGY === 'noauth' && !LOOPBACK.has(config.HOST)) {
    problems.push(
      `HOST=${config.HOST} is not a loopback address; AUTH_STRATEGY=noauth makes every caller an ` +
        'admin, so it only listens on 127.0.0.1, ::1 or localhost',
    );
  }
  if (config.AUTH_STRATEGY === 'keystone') {
    for (const key of ['KEYSTONE_URL', 'KEYSTONE_USERNAME', 'KEYSTONE_PASSWORD'] as const) {
      if (!config[key]) problems.push(`${key} is required when AUTH_STRATEGY=keystone`);
    }
  }
  if (config.LIMIT_PARAM_DEFAULT > config.API_LIMIT_MAX) {
    problems.push(
      `LIMIT_PARAM_DEFAULT=${config.LIMIT_PARAM_DEFAULT} is larger than API_LIMIT_MAX=${config.API_LIMIT_MAX}`,
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

/**
 * Loads the configuration from `process.env` for an app's entry point. On invalid values it
 * writes the problems to stderr and exits with status 2.
 */
export function loadConfigOrExit(): CatalogConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Returns the options of Nest's `ConsoleLogger` that `LOG_FORMAT` and `LOG_LEVEL` set: JSON or
 * text lines, and the configured level with every more severe one.
 */
export function consoleLoggerOptions(config: CatalogConfig): {
  json: boolean;
  logLevels: CatalogConfig['LOG_LEVEL'][];
} {
  return {
    json: config.LOG_FORMAT === 'json',
    logLevels: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1),
  };
}

function describe(error: ValidationError): string[] {
  const value = JSON.stringify(error.value);
  return Object.values(error.constraints ?? {}).map(
    (constraint) => `${error.property}=${value}: ${constraint}`,
  );
}
