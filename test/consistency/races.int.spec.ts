/**
 * Two API processes on one Kafka topic and one MongoDB database, with one projector, race
 * each other. Needs `npm run build` and the services of scripts/services (Kafka on
 * 127.0.0.1:9092 and FerretDB on 127.0.0.1:27017; KAFKA_BROKERS and MONGODB_URL override).
 */
import {
  closeConnections,
  createNamespace,
  createProperty,
  namespacePath,
  propertiesPath,
  send,
  statusCounts,
} from './support/client';
import { classifyCommits } from './support/consumer-rule';
import { Database, deleteTopic, foldOutcomes, foldTopic, readRecords } from './support/inspect';
import {
  Backing,
  CatalogProcess,
  logFolder,
  requireBuild,
  sharedBacking,
  startApi,
  startProjector,
  stop,
} from './support/processes';

jest.setTimeout(180_000);

describe('two API replicas racing', () => {
  const backing: Backing = sharedBacking('races');
  const folder = logFolder('races');
  let apiA: CatalogProcess;
  let apiB: CatalogProcess;
  let projector: CatalogProcess;
  const portA = () => apiA.port as number;
  const portB = () => apiB.port as number;

  beforeAll(async () => {
    requireBuild();
    // The first API creates the topic; the others find it.
    apiA = await startApi('api-a', backing, folder);
    [apiB, projector] = await Promise.all([
      startApi('api-b', backing, folder),
      startProjector('projector', backing, folder),
    ]);
  });

  afterAll(async () => {
    closeConnections();
    await Promise.all([stop(apiA), stop(apiB), stop(projector)]);
    const database = new Database(backing);
    await database.drop().catch(() => undefined);
    await database.close();
    await deleteTopic(backing);
    console.log(`consistency races: logs in ${folder}`);
  });

  it('creates one namespace from 50 racing creates', async () => {
    const name = 'race-create';
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        createNamespace(index % 2 === 0 ? portA() : portB(), name),
      ),
    );

    const counts = statusCounts(replies);
    expect(counts).toEqual({ 201: 1, 409: 49 });
    const state = await foldTopic(backing);
    expect(state.namespace(name)).toBeDefined();
  });

  it('renames one of two namespaces onto a name', async () => {
    await expect(createNamespace(portA(), 'rename-source-1')).resolves.toMatchObject({
      status: 201,
    });
    await expect(createNamespace(portB(), 'rename-source-2')).resolves.toMatchObject({
      status: 201,
    });

    const [first, second] = await Promise.all([
      send(portA(), 'PUT', namespacePath('rename-source-1'), {
        namespace: 'rename-target',
        visibility: 'public',
      }),
      send(portB(), 'PUT', namespacePath('rename-source-2'), {
        namespace: 'rename-target',
        visibility: 'public',
      }),
    ]);

    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const state = await foldTopic(backing);
    const names = [...state.namespaces()].map((namespace) => namespace.namespace);
    expect(names.filter((name) => name === 'rename-target')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
    const survivor = first.status === 409 ? 'rename-source-1' : 'rename-source-2';
    expect(state.namespace(survivor)).toBeDefined();
  });

  it('keeps every racing rename to distinct names unique', async () => {
    const sources = ['swap-a', 'swap-b', 'swap-c'];
    for (const source of sources) {
      await expect(createNamespace(portA(), source)).resolves.toMatchObject({ status: 201 });
    }

    // Each namespace is renamed onto the next one's name while that one moves on too.
    const replies = await Promise.all(
      sources.map((source, index) =>
        send(index % 2 === 0 ? portA() : portB(), 'PUT', namespacePath(source), {
          namespace: sources[(index + 1) % sources.length],
          visibility: 'public',
        }),
      ),
    );

    for (const reply of replies) expect([200, 409]).toContain(reply.status);
    const state = await foldTopic(backing);
    const names = [...state.namespaces()].map((namespace) => namespace.namespace);
    expect(new Set(names).size).toBe(names.length);
  });

  it('keeps all 20 racing property creates', async () => {
    const namespace = 'race-properties';
    await expect(createNamespace(portA(), namespace)).resolves.toMatchObject({ status: 201 });
    const names = Array.from({ length: 20 }, (_, index) => `property_${index}`);

    const replies = await Promise.all(
      names.map((name, index) =>
        createProperty(index % 2 === 0 ? portA() : portB(), namespace, name),
      ),
    );

    expect(statusCounts(replies)).toEqual({ 201: 20 });
    for (const port of [portA(), portB()]) {
      const listed = await send(port, 'GET', propertiesPath(namespace));
      expect(listed.status).toBe(200);
      expect(Object.keys(listed.json.properties).sort()).toEqual([...names].sort());
    }
    const record = (await foldTopic(backing)).namespace(namespace);
    expect((record?.properties ?? []).map((property) => property.name).sort()).toEqual(
      [...names].sort(),
    );
  });

  it('applies racing updates of one property in some order', async () => {
    const namespace = 'race-updates';
    await expect(createNamespace(portB(), namespace)).resolves.toMatchObject({ status: 201 });
    await expect(createProperty(portB(), namespace, 'counter')).resolves.toMatchObject({
      status: 201,
    });

    const titles = Array.from({ length: 10 }, (_, index) => `title ${index}`);
    const replies = await Promise.all(
      titles.map((title, index) =>
        send(index % 2 === 0 ? portA() : portB(), 'PUT', `${propertiesPath(namespace)}/counter`, {
          name: 'counter',
          title,
          type: 'string',
        }),
      ),
    );

    expect(statusCounts(replies)).toEqual({ 200: 10 });
    const record = (await foldTopic(backing)).namespace(namespace);
    const counter = record?.properties.find((property) => property.name === 'counter');
    const finalTitle = (counter?.definition as { title?: string } | undefined)?.title;
    expect(titles).toContain(finalTitle);
    const shown = await send(portA(), 'GET', `${propertiesPath(namespace)}/counter`);
    expect(shown.json.title).toBe(finalTitle);
  });

  it('shows a write through A at once on B', async () => {
    const failures: string[] = [];
    for (let index = 0; index < 40; index += 1) {
      const name = `ryw-${index}`;
      const [writer, reader] = index % 2 === 0 ? [portA(), portB()] : [portB(), portA()];
      const created = await createNamespace(writer, name);
      expect(created.status).toBe(201);

      const read = await send(reader, 'GET', namespacePath(name));
      if (read.status !== 200) failures.push(`${name}: GET ${read.status}`);
      const listed = await send(reader, 'GET', '/v2/metadefs/namespaces?limit=1000');
      if (
        !listed.json.namespaces.some(
          (namespace: { namespace: string }) => namespace.namespace === name,
        )
      ) {
        failures.push(`${name}: missing from the list`);
      }
    }

    expect(failures).toEqual([]);
  });

  it('lets B write into what A just created', async () => {
    const failures: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const name = `chain-${index}`;
      const created = await createNamespace(portA(), name);
      expect(created.status).toBe(201);

      const property = await createProperty(portB(), name, 'first');
      if (property.status !== 201)
        failures.push(`${name}: property create ${property.status} ${property.text}`);
    }

    expect(failures).toEqual([]);
  });

  it('classifies commits by the consumer rule', async () => {
    const fold = await foldOutcomes(backing);
    const rule = classifyCommits(await readRecords(backing));

    // Writes through one replica take turns, so only the races between the two replicas in
    // the tests above void commits; there are usually a dozen or more.
    expect([...fold.values()].filter((applied) => !applied).length).toBeGreaterThan(0);
    expect(Object.fromEntries(rule)).toEqual(Object.fromEntries(fold));
  });
});
