/**
 * `main.js rebuild` replays the log into a new generation of collections and switches the
 * API over while writes and reads go on. Needs `npm run build` and the services of
 * scripts/services (Kafka on 127.0.0.1:9092 and FerretDB on 127.0.0.1:27017; KAFKA_BROKERS and
 * MONGODB_URL override).
 */
import {
  closeConnections,
  createNamespace,
  createProperty,
  namespacePath,
  send,
} from './support/client';
import { Database, deleteTopic, foldTopic } from './support/inspect';
import {
  Backing,
  CatalogProcess,
  logFolder,
  requireBuild,
  runRebuild,
  sharedBacking,
  startApi,
  startProjector,
  stop,
  waitForLog,
  waitUntil,
} from './support/processes';
import { runWrites } from './support/workload';

jest.setTimeout(300_000);

const collectionsOf = (generation: string) =>
  ['namespaces', 'resource_types', 'checkpoints'].map((name) =>
    generation ? `${name}_${generation}` : name,
  );

describe('read-model rebuild', () => {
  const backing: Backing = sharedBacking('rebuild');
  const folder = logFolder('rebuild');
  const database = new Database(backing);
  let apiA: CatalogProcess;
  let apiB: CatalogProcess;
  let projector: CatalogProcess;

  beforeAll(async () => {
    requireBuild();
    apiA = await startApi('api-a', backing, folder);
    [apiB, projector] = await Promise.all([
      startApi('api-b', backing, folder),
      startProjector('projector', backing, folder),
    ]);
  });

  afterAll(async () => {
    closeConnections();
    await Promise.all([stop(apiA), stop(apiB), stop(projector)]);
    await database.drop().catch(() => undefined);
    await database.close();
    await deleteTopic(backing);
    console.log(`consistency rebuild: logs in ${folder}`);
  });

  it('switches generations under traffic', async () => {
    const seeded = await runWrites(() => apiA.port as number, 'seed', 30, 2);
    expect(seeded.unexpected).toEqual([]);

    // Writes through one API, each read back at once through the other, until `running` turns false.
    let running = true;
    const failures: string[] = [];
    let writes = 0;
    const traffic = (async () => {
      for (let index = 0; running; index += 1) {
        const [writer, reader] = index % 2 === 0 ? [apiA.port, apiB.port] : [apiB.port, apiA.port];
        const name = `live-${index}`;
        const created = await createNamespace(writer as number, name);
        if (created.status !== 201)
          failures.push(`create ${name}: ${created.status} ${created.text}`);
        const property = await createProperty(reader as number, name, 'size');
        if (property.status !== 201)
          failures.push(`property of ${name}: ${property.status} ${property.text}`);
        const read = await send(writer as number, 'GET', namespacePath(name));
        if (read.status !== 200 || !read.json?.properties?.size) {
          failures.push(`read ${name}: ${read.status} ${read.text}`);
        }
        writes += 1;
      }
    })();

    const rebuilt = await runRebuild(backing, folder, ['--generation', 'second']);
    expect(rebuilt.code).toBe(0);
    // Keep writing until both APIs read the new generation.
    await waitForLog(apiA, 'Reading the new read-model generation', 30_000);
    await waitForLog(apiB, 'Reading the new read-model generation', 30_000);
    const writesAtSwitch = writes;
    await waitUntil('writes go on after the switch', 60_000, () => writes >= writesAtSwitch + 5);
    running = false;
    await traffic;

    expect(failures).toEqual([]);
    const pointer = (await database.documents('active_generation'))[0];
    expect(pointer).toMatchObject({
      generation: 'second',
      previous: '',
      projectorGeneration: 'second',
    });
    const end = (await foldTopic(backing)).position;
    await waitUntil(
      'the new generation reaches the end of the log',
      60_000,
      async () => (await database.checkpoint('second')) >= end,
    );

    // A second rebuild, not switched, must hold exactly what the live generation holds.
    const check = await runRebuild(backing, folder, ['--generation', 'check', '--no-switch']);
    expect(check.code).toBe(0);
    const live = collectionsOf('second');
    const fresh = collectionsOf('check');
    for (let index = 0; index < live.length; index += 1) {
      expect({
        collection: live[index],
        documents: await database.documents(fresh[index]),
      }).toEqual({
        collection: live[index],
        documents: await database.documents(live[index]),
      });
    }
    expect((await database.documents('active_generation'))[0]).toMatchObject({
      generation: 'second',
    });
  });

  it('refuses a generation that is not empty', async () => {
    const again = await runRebuild(backing, folder, ['--generation', 'second', '--no-switch']);

    expect(again.code).toBe(1);
    expect(again.output).toContain('The read-model generation second is not empty');
  });
});
