import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { CatalogState, LogFollower } from '@metadefs/catalog';
import { KafkaEventLog } from '@metadefs/event-log/kafka';
import type { Backing } from './processes';

// The adapters log through Nest; only their errors matter in a test run.
Logger.overrideLogger(['error']);

/** Folds the whole topic of a test, as any API process or projector does. */
export async function foldTopic(backing: Backing): Promise<CatalogState> {
  const log = new KafkaEventLog({
    brokers: backing.kafkaBrokers.split(','),
    topic: backing.topic,
    partitions: 1,
    replicationFactor: 1,
    clientId: 'consistency-test',
  });
  await log.open();
  const follower = new LogFollower(log);
  try {
    await follower.start();
    return follower.state;
  } finally {
    await follower.stop();
    await log.close();
  }
}

/** Folds the topic and returns each complete commit's id with whether it applied. */
export async function foldOutcomes(backing: Backing): Promise<Map<string, boolean>> {
  const log = new KafkaEventLog({
    brokers: backing.kafkaBrokers.split(','),
    topic: backing.topic,
    partitions: 1,
    replicationFactor: 1,
    clientId: 'consistency-test',
  });
  await log.open();
  const follower = new LogFollower(log);
  const outcomes = new Map<string, boolean>();
  follower.addListener({
    onCommit: (commit, result) => void outcomes.set(commit.id, result.outcome === 'applied'),
  });
  try {
    await follower.start();
    return outcomes;
  } finally {
    await follower.stop();
    await log.close();
  }
}

/** Appends raw records to the topic, bypassing the catalog: for records it must set aside. */
export async function produceRaw(
  backing: Backing,
  records: ReadonlyArray<{ key: string; value: string; headers?: Record<string, string> }>,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'consistency-test',
    brokers: backing.kafkaBrokers.split(','),
    logLevel: logLevel.WARN,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic: backing.topic,
      acks: -1,
      messages: records.map((record) => ({ ...record, partition: 0 })),
    });
  } finally {
    await producer.disconnect();
  }
}

/** Reads MongoDB collections of a test database. */
export class Database {
  private readonly client: MongoClient;

  constructor(private readonly backing: Backing) {
    this.client = new MongoClient(backing.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  }

  /** Reads every document of a collection, ordered by `_id`. */
  async documents(collection: string): Promise<Record<string, unknown>[]> {
    const db = this.client.db(this.backing.database);
    return db.collection(collection).find({}).sort({ _id: 1 }).toArray() as Promise<
      Record<string, unknown>[]
    >;
  }

  /** Reads the checkpoint position of a generation; 0 when it has none. */
  async checkpoint(generation = ''): Promise<number> {
    const [checkpoint] = await this.documents(
      generation ? `checkpoints_${generation}` : 'checkpoints',
    );
    return (checkpoint?.position as number | undefined) ?? 0;
  }

  async collectionNames(): Promise<string[]> {
    const collections = await this.client.db(this.backing.database).listCollections().toArray();
    return collections.map((collection) => collection.name).sort();
  }

  async deleteAll(collection: string): Promise<void> {
    await this.client.db(this.backing.database).collection(collection).deleteMany({});
  }

  async drop(): Promise<void> {
    await this.client.db(this.backing.database).dropDatabase();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** Deletes a test topic; failures only leave a topic behind. */
export async function deleteTopic(backing: Backing): Promise<void> {
  const kafka = new Kafka({
    clientId: 'consistency-test',
    brokers: backing.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics: [backing.topic], timeout: 10_000 });
  } catch {
    // The topic stays; the broker's data folder is disposable.
  } finally {
    await admin.disconnect();
  }
}

/** Reads every record of the topic, its value parsed where it is JSON. */
export async function readRecords(
  backing: Backing,
): Promise<Array<{ position: number; value: any }>> {
  const log = new KafkaEventLog({
    brokers: backing.kafkaBrokers.split(','),
    topic: backing.topic,
    partitions: 1,
    replicationFactor: 1,
    clientId: 'consistency-test',
  });
  await log.open();
  try {
    const end = await log.endPosition();
    const records: Array<{ position: number; value: any }> = [];
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const subscription = await log.subscribe(0, (batch) => {
      for (const record of batch) {
        let value: unknown;
        try {
          value = JSON.parse(record.value);
        } catch {
          value = record.value;
        }
        records.push({ position: record.position, value });
      }
      if (records.length > 0 && records[records.length - 1].position >= end) finish();
    });
    if (end === 0) finish();
    await finished;
    await subscription.close();
    return records;
  } finally {
    await log.close();
  }
}
