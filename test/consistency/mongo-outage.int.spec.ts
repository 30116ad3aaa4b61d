/**
 * The read-model database goes away and comes back (`scripts/services/ferretdb.sh stop` then
 * `start`). FerretDB is a dedicated instance on 127.0.0.1:27018 (see
 * support/dedicated-services.ts); Kafka is the shared one on 127.0.0.1:9092. Needs
 * `npm run build`.
 */
import { closeConnections, createNamespace, namespacePath, send } from './support/client';
import { dedicatedFerretDb, runServiceScript } from './support/dedicated-services';
import { Database, deleteTopic, foldTopic } from './support/inspect';
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

jest.setTimeout(600_000);

const READ_MODEL_MESSAGE = "The catalog's read model cannot be reached";

describe('read-model database outage', () => {
  const ferretdb = dedicatedFerretDb();
  const backing: Backing = { ...sharedBacking('mongo'), mongoUrl: ferretdb.address };
  // A second API on the shared FerretDB appends to the same topic while the dedicated one is
  // down, so the projector has work it cannot store.
  const otherBacking: Backing = {
    ...backing,
    mongoUrl: process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017',
  };
  const folder = logFolder('mongo-outage');
  const database = new Database(backing);
  let api: CatalogProcess;
  let otherApi: CatalogProcess;
  let projector: CatalogProcess;
  const port = () => api.port as number;

  beforeAll(async () => {
    requireBuild();
    await runServiceScript(ferretdb, 'start');
    api = await startApi('api', backing, folder);
    [otherApi, projector] = await Promise.all([
      startApi('other-api', otherBacking, folder, { READ_YOUR_WRITES_TIMEOUT_MS: '200' }),
      startProjector('projector', backing, folder),
    ]);
  });

  afterAll(async () => {
    closeConnections();
    await Promise.all([stop(api), stop(otherApi), stop(projector)]);
    await runServiceScript(ferretdb, 'start').catch(() => undefined);
    await database.drop().catch(() => undefined);
    await database.close();
    const otherDatabase = new Database(otherBacking);
    await otherDatabase.drop().catch(() => undefined);
    await otherDatabase.close();
    await deleteTopic(backing);
    await runServiceScript(ferretdb, 'stop');
    console.log(`consistency mongo outage: logs in ${folder}`);
  });

  it('answers 503 while down and recovers', async () => {
    expect((await createNamespace(port(), 'before-outage')).status).toBe(201);
    await runServiceScript(ferretdb, 'stop');

    const read = await send(port(), 'GET', namespacePath('before-outage'));
    expect(read.status).toBe(503);
    expect(read.json?.message ?? read.text).toContain(READ_MODEL_MESSAGE);

    const endBefore = (await foldTopic(backing)).position;
    const write = await createNamespace(port(), 'refused-during-outage');
    expect(write.status).toBe(503);
    expect(write.json?.message ?? write.text).toContain(READ_MODEL_MESSAGE);
    expect((await foldTopic(backing)).position).toBe(endBefore);

    // Another API appends while the projector cannot store anything.
    expect((await createNamespace(otherApi.port as number, 'appended-during-outage')).status).toBe(
      201,
    );
    await waitUntil(
      'the projector retries',
      60_000,
      () => occurrences(projector, 'Projecting a commit failed; retrying') >= 2,
    );

    await runServiceScript(ferretdb, 'start');

    await waitUntil('reads recover', 120_000, async () => {
      return (await send(port(), 'GET', namespacePath('before-outage'))).status === 200;
    });
    await waitUntil('the projector stores the commit it held', 120_000, async () => {
      return (await send(port(), 'GET', namespacePath('appended-during-outage'))).status === 200;
    });
    const after = await createNamespace(port(), 'after-outage');
    expect(after.status).toBe(201);
    expect((await send(port(), 'GET', namespacePath('after-outage'))).status).toBe(200);
    expect((await send(port(), 'GET', namespacePath('refused-during-outage'))).status).toBe(404);
    expect(occurrences(projector, 'Projecting a commit succeeded after retries')).toBe(1);
  });
});
