import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The embedded default keeps everything across restarts: a clean stop, a `kill -9`, and a
 * crash that left half a record at the end of the log file.
 */

const root = path.resolve(__dirname, '../..');

jest.setTimeout(120_000);

interface Response {
  readonly status: number;
  readonly json: any;
}

function request(port: number, method: string, urlPath: string, body?: unknown): Promise<Response> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: false,
        headers: payload
          ? { 'Content-Type': 'application/json', 'Content-Length': payload.length }
          : {},
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
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

class EmbeddedCatalog {
  private child?: ChildProcess;
  port = 0;

  constructor(private readonly dataDir: string) {}

  async start(): Promise<void> {
    this.port = await freePort();
    this.child = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], {
      env: { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await request(this.port, 'GET', '/versions');
        return;
      } catch {
        if (Date.now() > deadline) throw new Error('The catalog did not start');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

describe('embedded catalog restarts', () => {
  let dataDir: string;
  let catalog: EmbeddedCatalog;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'restart-'));
    catalog = new EmbeddedCatalog(dataDir);
    await catalog.start();
  });

  afterEach(async () => {
    await catalog.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function writeSample(): Promise<unknown> {
    const created = await request(catalog.port, 'POST', '/v2/metadefs/namespaces', {
      namespace: 'Restart::Sample',
      visibility: 'public',
      properties: { speed: { title: 'Speed', type: 'integer', default: 3 } },
      objects: [{ name: 'Disk', properties: { size: { title: 'Size', type: 'number' } } }],
      tags: [{ name: 'one' }, { name: 'two' }],
      resource_type_associations: [{ name: 'OS::Glance::Image', prefix: 'sample_' }],
    });
    expect(created.status).toBe(201);
    const renamed = await request(
      catalog.port,
      'PUT',
      '/v2/metadefs/namespaces/Restart::Sample/tags/one',
      {
        name: 'uno',
      },
    );
    expect(renamed.status).toBe(200);
    return (await request(catalog.port, 'GET', '/v2/metadefs/namespaces/Restart::Sample')).json;
  }

  it('keeps everything after a clean stop', async () => {
    const before = await writeSample();

    await catalog.stop('SIGTERM');
    await catalog.start();
    const after = await request(catalog.port, 'GET', '/v2/metadefs/namespaces/Restart::Sample');

    expect(after.status).toBe(200);
    expect(after.json).toEqual(before);
  });

  it('keeps acknowledged writes after kill -9', async () => {
    const before = await writeSample();

    await catalog.stop('SIGKILL');
    await catalog.start();
    const after = await request(catalog.port, 'GET', '/v2/metadefs/namespaces/Restart::Sample');

    expect(after.json).toEqual(before);
  });

  it('drops a half-written record and keeps writing', async () => {
    const before = await writeSample();
    await catalog.stop('SIGKILL');
    fs.appendFileSync(path.join(dataDir, 'events.jsonl'), '{"specversion":"1.0","type":"org.open');

    await catalog.start();
    const after = await request(catalog.port, 'GET', '/v2/metadefs/namespaces/Restart::Sample');
    const tag = await request(
      catalog.port,
      'POST',
      '/v2/metadefs/namespaces/Restart::Sample/tags/three',
    );
    const lines = fs.readFileSync(path.join(dataDir, 'events.jsonl'), 'utf8').split('\n');

    expect(after.json).toEqual(before);
    expect(tag.status).toBe(201);
    expect(lines[lines.length - 1]).toBe('');
    expect(lines.slice(0, -1).every((line) => JSON.parse(line).specversion === '1.0')).toBe(true);
  });
});
