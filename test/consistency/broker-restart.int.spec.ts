/**
 * A Kafka broker restart (`scripts/services/kafka.sh stop` then `start`) in the middle of a
 * stream of writes. The broker is a dedicated instance on 127.0.0.1:19092 (see
 * support/dedicated-services.ts), so the shared one keeps serving other runs. Needs
 * `npm run build`, Java and Maven for the broker, and FerretDB on 127.0.0.1:27017.
 */
import { closeConnections, createNamespace, namespacePath, send } from './support/client';
import { dedicatedKafka, runServiceScript } from './support/dedicated-services';
import { Database, deleteTopic, readRecords } from './support/inspect';
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
  waitUntil,
} from './support/processes';
import { runWrites, verifyAcknowledged } from './support/workload';

jest.setTimeout(600_000);

const EVENT_LOG_MESSAGE = 'The event log did not confirm the change';

describe('broker restart during writes', () => {
  const kafka = dedicatedKafka();
  const backing: Backing = { ...sharedBacking('broker'), kafkaBrokers: kafka.address };
  const folder = logFolder('broker-restart');
  const database = new Database(backing);
  let api: CatalogProcess;
  let projector: CatalogProcess;
  const port = () => api.port as number;

  beforeAll(async () => {
    requireBuild();
    await runServiceScript(kafka, 'start');
    api = await startApi('api', backing, folder);
    projector = await startProjector('projector', backing, folder);
  });

  afterAll(async () => {
    closeConnections();
    await Promise.all([stop(api), stop(projector)]);
    await database.drop().catch(() => undefined);
    await database.close();
    await deleteTopic(backing).catch(() => undefined);
    await runServiceScript(kafka, 'stop');
    console.log(`consistency broker restart: logs in ${folder}`);
  });

  it('loses no acknowledged write', async () => {
    let stopped: Promise<void> | undefined;
    const writes = runWrites(port, 'broker', 80, 2, (done) => {
      if (done === 20) stopped ??= runServiceScript(kafka, 'stop');
    });
    await waitUntil('the broker is stopped', 300_000, () => stopped !== undefined);
    await stopped;

    // With the broker down, a write fails with the service's 503 and reads keep working.
    const during = await createNamespace(port(), 'during-outage');
    expect(during.status).toBe(503);
    expect(during.json?.message ?? during.text).toContain(EVENT_LOG_MESSAGE);
    expect((await send(port(), 'GET', namespacePath('broker-1'))).status).toBe(200);

    await runServiceScript(kafka, 'start');
    const result = await writes;

    expect(result.unexpected).toEqual([]);
    for (const reply of result.unavailable) {
      expect(reply.json?.message ?? reply.text).toContain(EVENT_LOG_MESSAGE);
    }
    // The apps reconnect by themselves: a new write succeeds through the same processes.
    await waitUntil('a write succeeds after the restart', 120_000, async () => {
      const reply = await createNamespace(port(), `after-restart-${Date.now()}`);
      return reply.status === 201;
    });
    expect(await verifyAcknowledged(port(), result.acknowledged)).toEqual([]);
    expect(occurrences(api, 'kafkajs')).toBeGreaterThan(0);
    expect(occurrences(projector, 'kafkajs')).toBeGreaterThan(0);

    // Nothing was appended twice: each commit's records appear once, and no namespace was
    // created twice.
    const records = await readRecords(backing);
    const commitRecords = records.map(
      (record) => `${record.value.commitid}/${record.value.commitindex}`,
    );
    expect(new Set(commitRecords).size).toBe(commitRecords.length);
    const created = records
      .filter((record) => record.value.type === 'org.openstack.metadefs.namespace.created.v1')
      .map((record) => record.value.data.namespace);
    expect(new Set(created).size).toBe(created.length);
    console.log(
      `broker restart: ${result.acknowledged.length} acknowledged writes, ` +
        `${result.unavailable.length} answered 503, ${records.length} records`,
    );
  });
});
