import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Admin,
  Consumer,
  IHeaders,
  Kafka,
  KafkaJSError,
  LogEntry,
  Producer,
  logLevel,
} from 'kafkajs';
import {
  EventLog,
  EventLogUnavailableError,
  LogRecord,
  LogSubscription,
  RecordHandler,
  StoredRecord,
  SubscribeOptions,
} from '../event-log.port';

/** Where the log lives and how the topic is created. */
export interface KafkaEventLogOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly clientId: string;
  /** How long an append may take before it fails, in milliseconds. */
  readonly appendTimeoutMs?: number;
}

/** Every event goes to this partition: one total order decides every conflict. */
const LOG_PARTITION = 0;

/** The largest commit a producer may send; the broker and topic accept the same. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Time the group waits for a silent member before it reassigns its partition, in milliseconds. */
const SESSION_TIMEOUT_MS = 10000;

/** Interval of the heartbeats a consumer sends while the handler works on a batch, in milliseconds. */
const HEARTBEAT_INTERVAL_MS = 3000;

/** Maximum pause between attempts to replace a consumer that crashed for good, in milliseconds. */
const RESUBSCRIBE_MAX_DELAY_MS = 10000;

/**
 * The event log as a Kafka topic, written through an idempotent producer that waits for every
 * in-sync replica. A record's position is its offset plus one, so 0 still means "before the
 * first record". The topic keeps records forever: it is the source of truth.
 */
export class KafkaEventLog implements EventLog {
  private readonly logger = new Logger(KafkaEventLog.name);
  private readonly kafka: Kafka;
  private admin?: Admin;
  private producer?: Producer;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaEventLogOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.logKafka(entry),
    });
  }

  get description(): string {
    return `kafka topic ${this.options.topic} on ${this.options.brokers.join(',')}`;
  }

  /** Connects, creates the topic when it does not exist, and starts the producer. */
  async open(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const existing = await this.admin.listTopics();
    if (existing.includes(this.options.topic)) {
      await this.openProducer();
      return;
    }
    const created = await this.admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: this.options.topic,
          numPartitions: this.options.partitions,
          replicationFactor: this.options.replicationFactor,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
            { name: 'cleanup.policy', value: 'delete' },
            { name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) },
            { name: 'min.insync.replicas', value: String(Math.min(2, this.options.replicationFactor)) },
          ],
        },
      ],
    });
    if (created) {
      this.logger.log('Created the event log topic', {
        topic: this.options.topic,
        partitions: this.options.partitions,
        replicationFactor: this.options.replicationFactor,
      });
    }

    await this.openProducer();
  }

  private async openProducer(): Promise<void> {
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
  }

  async append(records: readonly LogRecord[]): Promise<number[]> {
    const producer = this.producer;
    if (!producer) throw new EventLogUnavailableError(`${this.description} is not open`);
    try {
      const [metadata] = await producer.send({
        topic: this.options.topic,
        acks: -1,
        timeout: this.options.appendTimeoutMs ?? 10000,
        messages: records.map((record) => ({
          partition: LOG_PARTITION,
          key: record.key,
          value: record.value,
          headers: { ...record.headers },
        })),
      });
      const base = Number(metadata.baseOffset);
      return records.map((_, index) => base + index + 1);
    } catch (error) {
      this.logger.error('Appending to the event log failed', {
        topic: this.options.topic,
        error: describe(error),
      });
      throw new EventLogUnavailableError(`Appending to ${this.description} failed`, { cause: error });
    }
  }

  /**
   * Consumes partition 0 from just after `after`. With a consumer group, the group's offset is
   * committed after each batch the handler finished, never before; without one, the
   * subscription uses a private group that commits nothing.
   *
   * The subscription outlives broker restarts. kafkajs restarts a consumer after a retriable
   * crash, and this adapter starts a new consumer after any other crash. Either way the
   * consumer seeks to the record after the last one the handler finished, so no record is
   * skipped. A record may be delivered again if the handler failed halfway through a batch.
   */
  async subscribe(after: number, handler: RecordHandler, options: SubscribeOptions = {}): Promise<LogSubscription> {
    const groupId = options.group ?? `${this.options.clientId}-follower-${randomUUID()}`;
    const state = { nextOffset: after, closed: false, consumer: undefined as Consumer | undefined };

    const start = async (): Promise<Consumer> => {
      const consumer = this.kafka.consumer({
        groupId,
        // A member that died without leaving (kill -9) keeps partition 0 until its session
        // expires, so kafkajs's default of 30 s would stall a restarted projector that long.
        sessionTimeout: SESSION_TIMEOUT_MS,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: 100,
        minBytes: 1,
        maxBytes: 4 * MAX_MESSAGE_BYTES,
        maxBytesPerPartition: 2 * MAX_MESSAGE_BYTES,
        retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 10 },
      });
      state.consumer = consumer;
      this.consumers.add(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });

      let ready: () => void;
      const assigned = new Promise<void>((resolve) => (ready = resolve));
      // Every join, the first and each one after a restart, resumes after the last record the
      // handler finished rather than at the group's committed offset or the topic's start.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        consumer.seek({ topic: this.options.topic, partition: LOG_PARTITION, offset: String(state.nextOffset) });
        ready();
      });
      consumer.on(consumer.events.CRASH, (event) => {
        const restart = event.payload.restart;
        this.logger.warn('An event log consumer crashed', {
          topic: this.options.topic,
          groupId,
          error: describe(event.payload.error),
          restart: restart ? 'kafkajs restarts it' : 'a new consumer replaces it',
          nextOffset: state.nextOffset,
        });
        if (!restart && !state.closed) void replace(consumer);
      });

      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          if (batch.partition !== LOG_PARTITION || batch.messages.length === 0) return;
          const records = batch.messages
            .filter((message) => Number(message.offset) >= state.nextOffset)
            .map((message) => this.stored(batch.partition, message));
          if (records.length > 0) {
            // A slow handler (a read model that is down and retried) must not cost the
            // consumer its group membership.
            const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_INTERVAL_MS);
            try {
              await handler(records);
            } finally {
              clearInterval(keepAlive);
            }
          }
          const last = batch.messages[batch.messages.length - 1].offset;
          state.nextOffset = Math.max(state.nextOffset, Number(last) + 1);
          resolveOffset(last);
          if (options.group) {
            await consumer.commitOffsets([
              { topic: this.options.topic, partition: LOG_PARTITION, offset: String(state.nextOffset) },
            ]);
          }
          await heartbeat();
        },
      });
      await assigned;
      return consumer;
    };

    const replace = async (crashed: Consumer): Promise<void> => {
      this.consumers.delete(crashed);
      await crashed.disconnect().catch(() => undefined);
      for (let attempt = 1; !state.closed; attempt += 1) {
        const delayMs = Math.min(RESUBSCRIBE_MAX_DELAY_MS, 500 * 2 ** (attempt - 1));
        this.logger.warn('Starting a new event log consumer', { topic: this.options.topic, groupId, attempt, delayMs });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (state.closed) return;
        try {
          await start();
          this.logger.log('The event log consumer is running again', { topic: this.options.topic, groupId, attempt });
          return;
        } catch (error) {
          this.logger.warn('Starting a new event log consumer failed', {
            topic: this.options.topic,
            groupId,
            attempt,
            error: describe(error),
          });
          if (state.consumer) {
            this.consumers.delete(state.consumer);
            await state.consumer.disconnect().catch(() => undefined);
          }
        }
      }
    };

    await start();
    return {
      close: async () => {
        state.closed = true;
        const consumer = state.consumer;
        if (consumer) {
          this.consumers.delete(consumer);
          await consumer.disconnect();
        }
      },
    };
  }

  async endPosition(): Promise<number> {
    if (!this.admin) throw new EventLogUnavailableError(`${this.description} is not open`);
    try {
      const offsets = await this.admin.fetchTopicOffsets(this.options.topic);
      const partition = offsets.find((entry) => entry.partition === LOG_PARTITION);
      return Number(partition?.high ?? 0);
    } catch (error) {
      throw new EventLogUnavailableError(`Reading the end of ${this.description} failed`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
  }

  private stored(
    partition: number,
    message: { offset: string; key: Buffer | null; value: Buffer | null; headers?: IHeaders },
  ): StoredRecord {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      const last = Array.isArray(value) ? value[value.length - 1] : value;
      if (last !== undefined) headers[name] = last.toString();
    }
    return {
      position: Number(message.offset) + 1,
      key: message.key?.toString() ?? null,
      value: message.value?.toString() ?? '',
      headers,
      origin: { log: this.options.topic, partition, offset: message.offset },
    };
  }

  private logKafka({ level, log }: LogEntry): void {
    const { message, ...fields } = log;
    if (level === logLevel.ERROR || level === logLevel.NOTHING) {
      this.logger.error(`kafkajs: ${message}`, fields);
    } else if (level === logLevel.WARN) {
      this.logger.warn(`kafkajs: ${message}`, fields);
    } else {
      this.logger.debug(`kafkajs: ${message}`, fields);
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof KafkaJSError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
