import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Loads the same catalog files into reference Glance (with glance-manage) and into the catalog
 * (with the metadefs tool), then reads every namespace, its objects, properties, tags and
 * associations from both and compares the JSON, timestamps aside.
 */

const root = path.resolve(__dirname, '../..');
const glanceScript = path.join(root, 'scripts/services/glance.sh');
const identity = {
  'X-Identity-Status': 'Confirmed',
  'X-Roles': 'admin,member,reader',
  'X-Tenant-Id': 'admin',
  'X-User-Id': 'compatibility-test',
};

jest.setTimeout(600_000);

interface Response {
  readonly status: number;
  readonly json: unknown;
}

function get(port: number, pathAndQuery: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: encodeURI(pathAndQuery), headers: identity, agent: false },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // An error page in HTML or plain text stays a string.
          }
          resolve({ status: response.statusCode ?? 0, json });
        });
      },
    );
    request.on('error', reject);
  });
}

/** Drops `created_at` and `updated_at` at every depth: the two servers loaded at other times. */
function withoutTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimestamps);
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key !== 'created_at' && key !== 'updated_at') copy[key] = withoutTimestamps(item);
    }
    return copy;
  }
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHttp(port: number, what: string, logPath: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await get(port, '/versions');
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${what} did not answer on port ${port}; see ${logPath}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('catalog compared with reference Glance', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'compatibility-'));
  const glanceDir = path.join(stateDir, 'glance');
  let glancePort = 0;
  let catalogPort = 0;
  let catalog: ChildProcess | undefined;
  let names: string[] = [];

  beforeAll(async () => {
    const located = spawnSync('bash', [glanceScript, 'metadefs-dir', '--dir', glanceDir], {
      encoding: 'utf8',
    });
    if (located.status !== 0) throw new Error(`glance.sh metadefs-dir failed: ${located.stderr}`);
    const metadefsDir = located.stdout.trim();
    names = fs
      .readdirSync(metadefsDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(fs.readFileSync(path.join(metadefsDir, file), 'utf8')).namespace)
      .sort();

    glancePort = await freePort();
    const started = spawnSync(
      'bash',
      [glanceScript, 'start', '--port', String(glancePort), '--dir', glanceDir],
      { stdio: 'inherit', env: { ...process.env, METADEFS_DIR: metadefsDir } },
    );
    if (started.status !== 0) throw new Error(`glance.sh start failed; see ${glanceDir}`);

    catalogPort = await freePort();
    const env = {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(catalogPort),
      DATA_DIR: path.join(stateDir, 'catalog'),
      AUTH_STRATEGY: 'trusted-headers',
      LOG_LEVEL: 'warn',
      EVENT_LOG: 'file',
      READ_MODEL: 'memory',
    };
    const loaded = spawnSync(
      process.execPath,
      [path.join(root, 'dist/apps/metadefs/src/main.js'), 'load', '--path', metadefsDir],
      { env, encoding: 'utf8' },
    );
    if (loaded.status !== 0)
      throw new Error(`metadefs load failed: ${loaded.stdout}${loaded.stderr}`);

    const logPath = path.join(stateDir, 'catalog.log');
    const log = fs.openSync(logPath, 'a');
    catalog = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], {
      env,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    await waitForHttp(catalogPort, 'The catalog', logPath);
  });

  afterAll(() => {
    catalog?.kill('SIGTERM');
    spawnSync('bash', [glanceScript, 'stop', '--dir', glanceDir], { stdio: 'inherit' });
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('lists the same namespaces', async () => {
    const fromGlance = await get(glancePort, '/v2/metadefs/namespaces?limit=1000');
    const fromCatalog = await get(catalogPort, '/v2/metadefs/namespaces?limit=1000');
    const byName = (body: unknown) =>
      Object.fromEntries(
        ((body as { namespaces: { namespace: string }[] }).namespaces ?? []).map((item) => [
          item.namespace,
          withoutTimestamps(item),
        ]),
      );

    expect(Object.keys(byName(fromCatalog.json)).sort()).toEqual(names);
    expect(byName(fromCatalog.json)).toEqual(byName(fromGlance.json));
  });

  it('lists the same resource types', async () => {
    const fromGlance = await get(glancePort, '/v2/metadefs/resource_types');
    const fromCatalog = await get(catalogPort, '/v2/metadefs/resource_types');
    const sortedNames = (body: unknown) =>
      (body as { resource_types: { name: string }[] }).resource_types
        .map((type) => type.name)
        .sort();

    expect(sortedNames(fromCatalog.json)).toEqual(sortedNames(fromGlance.json));
  });

  const routes = ['', '/objects', '/properties', '/tags', '/resource_types'];

  it.each(routes)('serves every namespace%s like Glance', async (route) => {
    for (const name of names) {
      const fromGlance = await get(glancePort, `/v2/metadefs/namespaces/${name}${route}`);
      const fromCatalog = await get(catalogPort, `/v2/metadefs/namespaces/${name}${route}`);

      expect({ name, status: fromCatalog.status }).toEqual({ name, status: fromGlance.status });
      expect({ name, body: withoutTimestamps(fromCatalog.json) }).toEqual({
        name,
        body: withoutTimestamps(fromGlance.json),
      });
    }
  });

  it('serves every object and property like Glance', async () => {
    for (const name of names) {
      const detail = (await get(glancePort, `/v2/metadefs/namespaces/${name}`)).json as {
        objects?: { name: string }[];
        properties?: Record<string, unknown>;
      };
      const paths = [
        ...(detail.objects ?? []).map(
          (object) => `/v2/metadefs/namespaces/${name}/objects/${object.name}`,
        ),
        ...Object.keys(detail.properties ?? {}).map(
          (property) => `/v2/metadefs/namespaces/${name}/properties/${property}`,
        ),
      ];
      for (const itemPath of paths) {
        const fromGlance = await get(glancePort, itemPath);
        const fromCatalog = await get(catalogPort, itemPath);

        expect({ itemPath, body: withoutTimestamps(fromCatalog.json) }).toEqual({
          itemPath,
          body: withoutTimestamps(fromGlance.json),
        });
      }
    }
  });

  it('prefixes properties like Glance', async () => {
    for (const name of names) {
      const detail = (await get(glancePort, `/v2/metadefs/namespaces/${name}`)).json as {
        resource_type_associations?: { name: string }[];
      };
      for (const association of detail.resource_type_associations ?? []) {
        const query = `?resource_type=${association.name}`;
        const fromGlance = await get(glancePort, `/v2/metadefs/namespaces/${name}${query}`);
        const fromCatalog = await get(catalogPort, `/v2/metadefs/namespaces/${name}${query}`);

        expect({ name, query, body: withoutTimestamps(fromCatalog.json) }).toEqual({
          name,
          query,
          body: withoutTimestamps(fromGlance.json),
        });
      }
    }
  });
});
