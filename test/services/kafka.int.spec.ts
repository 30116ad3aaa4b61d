/**
 * Smoke test: kafkajs against the broker started by `scripts/services/kafka.sh start`.
 * It exercises what the event log adapter relies on: explicit topic creation, an
 * idempotent producer with acks from all in-sync replicas, record headers, ordered
 * consumption, manual offset commits and resuming from them.
 *
 * KAFKA_BROKERS overrides the broker list (default 127.0.0.1:9092).
 */
import { Admin, Consumer, Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const runId = randomUUID().slice(0, 8);
const topic = `smoke-events-${runId}`;
const largeTopic = `smoke-large-${runId}`;
const groupId = `smoke-projector-${runId}`;

// Joining a consumer group and its first fetch take a few seconds.
jest.setTimeout(60_000);

interface ReceivedRecord {
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string | string[]>;
}

function decodeHeaders(message: KafkaMessage): Record<string, string | string[]> {
  const decoded: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (Array.isArray(value)) {
      decoded[name] = value.map((item) => item.toString());
    } else if (value !== undefined) {
      decoded[name] = value.toString();
    }
  }
  return decoded;
}

function eventRecord(sequence: number) {
  return {
    key: 'namespace-a',
    value: JSON.stringify({ specversion: '1.0', id: `event-${sequence}`, data: { sequence } }),
    partition: 0,
    headers: {
      ce_id: `event-${sequence}`,
      ce_type: 'org.openstack.metadefs.NamespaceCreated.v1',
      ce_subject: 'namespace-a',
      // kafkajs sends an array as repeated headers with the same name.
      trace: ['first', `second-${sequence}`],
    },
  };
}

/**
 * Runs a consumer in the group until it has received `count` records, then stops it
 * and returns them. No offsets are committed automatically.
 */
async function consumeRecords(consumer: Consumer, count: number): Promise<ReceivedRecord[]> {
  const received: ReceivedRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after 30 s with ${received.length}/${count} records`)),
      30_000,
    );
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          received.push({
            offset: message.offset,
            key: message.key?.toString(),
            value: message.value?.toString(),
            headers: decodeHeaders(message),
          });
          if (received.length === count) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  return received;
}

describe('kafkajs against the test broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const consumers: Consumer[] = [];

  // Against this broker, the first fetch of a new group waited the full maxWaitTimeInMs
  // (kafkajs default 5000 ms) before returning records, so keep the wait short.
  const newConsumer = () => kafka.consumer({ groupId, maxWaitTimeInMs: 1000 });

  beforeAll(async () => {
    kafka = new Kafka({
      clientId: 'services-smoke-test',
      brokers,
      logLevel: logLevel.WARN,
    });
    admin = kafka.admin({ retry: { retries: 2 } });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `cannot connect to Kafka at ${brokers.join(',')}: ${String(error)}. ` +
          'Start it with scripts/services/kafka.sh start',
      );
    }
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  afterAll(async () => {
    for (const consumer of consumers) {
      await consumer.disconnect();
    }
    await producer?.disconnect();
    if (admin) {
      await admin.deleteTopics({ topics: [topic, largeTopic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('creates a topic with the admin client', async () => {
    const created = await admin.createTopics({
      topics: [
        { topic, numPartitions: 1, replicationFactor: 1 },
        { topic: largeTopic, numPartitions: 1, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });

    expect(created).toBe(true);
    expect(await admin.listTopics()).toEqual(expect.arrayContaining([topic, largeTopic]));
  });

  it('rejects producing to a missing topic', async () => {
    // auto.create.topics.enable=false: the broker must not create the topic.
    const missing = `smoke-missing-${runId}`;
    // A client of its own keeps the expected UNKNOWN_TOPIC_OR_PARTITION errors out of the log.
    const quietKafka = new Kafka({
      clientId: 'services-smoke-test',
      brokers,
      logLevel: logLevel.NOTHING,
    });
    const shortRetry = quietKafka.producer({
      retry: { retries: 1 },
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await shortRetry.connect();
    try {
      await expect(
        shortRetry.send({ topic: missing, messages: [{ value: 'x' }] }),
      ).rejects.toThrow();
    } finally {
      await shortRetry.disconnect();
    }
    expect(await admin.listTopics()).not.toContain(missing);
  });

  it('appends a batch with an idempotent producer', async () => {
    const metadata = await producer.send({
      topic,
      acks: -1,
      messages: [1, 2, 3, 4, 5].map(eventRecord),
    });

    expect(metadata).toHaveLength(1);
    expect(metadata[0].partition).toBe(0);
    expect(metadata[0].errorCode).toBe(0);
    expect(metadata[0].baseOffset).toBe('0');
  });

  it('reads the batch in order with headers', async () => {
    const consumer = newConsumer();
    consumers.push(consumer);

    const received = await consumeRecords(consumer, 5);

    expect(received.map((record) => record.offset)).toEqual(['0', '1', '2', '3', '4']);
    expect(received.map((record) => JSON.parse(record.value ?? '').data.sequence)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(received[2].key).toBe('namespace-a');
    expect(received[2].headers).toEqual({
      ce_id: 'event-3',
      ce_type: 'org.openstack.metadefs.NamespaceCreated.v1',
      ce_subject: 'namespace-a',
      trace: ['first', 'second-3'],
    });

    // Commit the position after the last record, as the projector does once the
    // read model contains it, then leave the group.
    await consumer.commitOffsets([{ topic, partition: 0, offset: '5' }]);
    await consumer.disconnect();
    consumers.pop();

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed).toEqual([
      { topic, partitions: [expect.objectContaining({ partition: 0, offset: '5' })] },
    ]);
  });

  it('resumes a group after its committed offset', async () => {
    await producer.send({ topic, acks: -1, messages: [6, 7, 8].map(eventRecord) });
    const consumer = newConsumer();
    consumers.push(consumer);

    const received = await consumeRecords(consumer, 3);

    expect(received.map((record) => record.offset)).toEqual(['5', '6', '7']);
    expect(received.map((record) => record.headers.ce_id)).toEqual([
      'event-6',
      'event-7',
      'event-8',
    ]);
  });

  it('fetches topic offsets', async () => {
    const offsets = await admin.fetchTopicOffsets(topic);

    expect(offsets).toEqual([{ partition: 0, offset: '8', high: '8', low: '0' }]);
  });

  it('accepts a batch larger than 1 MiB', async () => {
    // Kafka's default message.max.bytes is about 1 MiB, and kafka.sh raises it to 8 MiB.
    const payload = 'x'.repeat(1024 * 1024);
    const metadata = await producer.send({
      topic: largeTopic,
      acks: -1,
      messages: [1, 2, 3].map((sequence) => ({
        key: `large-${sequence}`,
        value: payload,
        partition: 0,
      })),
    });

    expect(metadata[0].errorCode).toBe(0);
    expect(await admin.fetchTopicOffsets(largeTopic)).toEqual([
      { partition: 0, offset: '3', high: '3', low: '0' },
    ]);
  });
});
