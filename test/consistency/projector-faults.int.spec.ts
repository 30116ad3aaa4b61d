/**
 * The projector under faults: records it cannot read, a `kill -9` in the middle of a stream of
 * writes, and a second replay into the same database. Needs `npm run build` and the services
 * of scripts/services (Kafka on 127.0.0.1:9092 and FerretDB on 127.0.0.1:27017; KAFKA_BROKERS
 * and MONGODB_URL override).
 */
import { closeConnections, createNamespace, namespacePath, send } from './support/client';
import { Database, deleteTopic, foldTopic, produceRaw } from './support/inspect';
import {
  Backing,
  CatalogProcess,
  logFolder,
  occurrences,
  requireBuild,
  sharedBacking,
  startApi,
  startProjector,
  stop,
  waitForLog,
  waitUntil,
} from './support/processes';
import { runWrites, verifyAcknowledged } from './support/workload';

jest.setTimeout(300_000);

const READ_MODEL_COLLECTIONS = ['namespaces', 'resource_types', 'checkpoints'];

describe('projector faults', () => {
  const backing: Backing = sharedBacking('projector');
  const folder = logFolder('projector-faults');
  const database = new Database(backing);
  let api: CatalogProcess;
  let projector: CatalogProcess | undefined;
  const port = () => api.port as number;

  /** Waits until the read model's checkpoint reaches the end of the log. */
  async function waitForProjection(target: Database = database): Promise<number> {
    const end = (await foldTopic(backing)).position;
    await waitUntil(
      `the read model reaches position ${end}`,
      60_000,
      async () => (await target.checkpoint()) >= end,
    );
    return end;
  }

  beforeAll(async () => {
    requireBuild();
    // A short wait keeps the writes moving while the projector is down.
    api = await startApi('api', backing, folder, { READ_YOUR_WRITES_TIMEOUT_MS: '1000' });
    projector = await startProjector('projector-1', backing, folder);
  });

  afterAll(async () => {
    closeConnections();
    await Promise.all([stop(api), stop(projector)]);
    await database.drop().catch(() => undefined);
    await database.close();
    await deleteTopic(backing);
    console.log(`consistency projector faults: logs in ${folder}`);
  });

  it('parks unreadable records and moves on', async () => {
    const unknownType = {
      specversion: '1.0',
      id: 'unknown-1',
      source: '/v2/metadefs',
      type: 'org.openstack.metadefs.namespace.renamed.v9',
      subject: 'parked',
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      commitid: 'commit-unknown',
      commitsize: 1,
      commitindex: 0,
      expectedversions: '{}',
      data: { namespace: 'parked' },
    };
    await produceRaw(backing, [
      { key: 'parked', value: '{"this is": not json' },
      { key: 'parked', value: JSON.stringify(unknownType), headers: { ce_type: unknownType.type } },
    ]);
    const created = await createNamespace(port(), 'after-parked');

    expect(created.status).toBe(201);
    expect((await send(port(), 'GET', namespacePath('after-parked'))).status).toBe(200);
    const parked = await database.documents('parked_events');
    expect(parked.map((record) => [record.log, record.partition, record.eventType])).toEqual([
      [backing.topic, 0, null],
      [backing.topic, 0, unknownType.type],
    ]);
    expect(parked.map((record) => record.reason)).toEqual([
      'the record is not JSON',
      'unknown event type',
    ]);
    const projectorLog = projector as CatalogProcess;
    for (const record of parked) {
      expect(occurrences(projectorLog, `"offset":"${record.offset}"`)).toBe(1);
    }
    expect(
      occurrences(projectorLog, `"topic":"${backing.topic}"`) +
        occurrences(projectorLog, `"log":"${backing.topic}"`),
    ).toBeGreaterThanOrEqual(2);
  });

  it('recovers from kill -9 mid-stream', async () => {
    let killed = false;
    const writes = runWrites(port, 'killed', 90, 3, (done) => {
      if (done === 30 && !killed) {
        killed = true;
        projector?.child.kill('SIGKILL');
      }
    });
    await waitUntil('the projector is killed', 120_000, () => projector?.exited === true);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    projector = await startProjector('projector-2', backing, folder);
    const result = await writes;

    expect(result.unexpected).toEqual([]);
    expect(result.unavailable).toEqual([]);
    await waitForProjection();
    expect(await verifyAcknowledged(port(), result.acknowledged)).toEqual([]);

    const replay = new Database({ ...backing, database: `${backing.database}_replay` });
    const replayProjector = await startProjector(
      'projector-replay',
      { ...backing, database: `${backing.database}_replay` },
      folder,
      {
        KAFKA_PROJECTOR_GROUP: 'replay',
      },
    );
    try {
      await waitForProjection(replay);
      for (const collection of READ_MODEL_COLLECTIONS) {
        expect({ collection, documents: await replay.documents(collection) }).toEqual({
          collection,
          documents: await database.documents(collection),
        });
      }
    } finally {
      await stop(replayProjector);
      await replay.drop().catch(() => undefined);
      await replay.close();
    }
  });

  it('changes nothing on a second replay', async () => {
    await waitForProjection();
    const before: Record<string, unknown[]> = {};
    for (const collection of [...READ_MODEL_COLLECTIONS, 'parked_events']) {
      before[collection] = await database.documents(collection);
    }
    await stop(projector);

    // Without its checkpoint, the next projector applies every commit again, and only the
    // positions stored in the documents keep it from changing them.
    await database.deleteAll('checkpoints');
    projector = await startProjector('projector-3', backing, folder, {
      KAFKA_PROJECTOR_GROUP: 'second-replay',
    });
    await waitForProjection();

    for (const collection of Object.keys(before)) {
      expect({ collection, documents: await database.documents(collection) }).toEqual({
        collection,
        documents: before[collection],
      });
    }
  });
});
