import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureGlanceClient } from '../support/glance-client';

/**
 * python-glanceclient against the embedded default without Keystone: `--os-image-url` points
 * at the API and any token is accepted, as in Glance's unauthenticated pipeline.
 */

const root = path.resolve(__dirname, '../..');

jest.setTimeout(600_000);

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

describe('python-glanceclient without Keystone', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glanceclient-noauth-'));
  let api: ChildProcess | undefined;
  let url = '';

  function glance(...args: string[]) {
    const result = spawnSync('glance', ['--os-image-url', url, '--os-auth-token', 'any', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('OS_')),
      ),
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  beforeAll(async () => {
    ensureGlanceClient();
    // The catalog files Glance would load: METADEFS_DIR, or those of Debian's glance-common.
    const located = spawnSync(
      'bash',
      [
        path.join(root, 'scripts/services/glance.sh'),
        'metadefs-dir',
        '--dir',
        path.join(stateDir, 'glance'),
      ],
      { encoding: 'utf8' },
    );
    if (located.status !== 0) throw new Error(`glance.sh metadefs-dir failed: ${located.stderr}`);
    const metadefsDir = located.stdout.trim();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: path.join(stateDir, 'data'),
      AUTH_STRATEGY: 'noauth',
      EVENT_LOG: 'file',
      READ_MODEL: 'memory',
      LOG_LEVEL: 'warn',
    };
    const loaded = spawnSync(
      process.execPath,
      [path.join(root, 'dist/apps/metadefs/src/main.js'), 'load', '--path', metadefsDir],
      { env, encoding: 'utf8' },
    );
    if (loaded.status !== 0)
      throw new Error(`metadefs load failed: ${loaded.stdout}${loaded.stderr}`);
    api = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], {
      env,
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (glance('md-resource-type-list').status !== 0) {
      if (Date.now() > deadline) throw new Error(`The API did not answer glanceclient at ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(() => {
    api?.kill('SIGTERM');
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('lists the loaded namespaces', () => {
    const result = glance('md-namespace-list');

    expect(result.status).toBe(0);
    expect(result.output).toContain('OS::Compute::Quota');
    expect(result.output).toContain('OS::Software::DBMS');
  });

  it('shows a namespace with its objects', () => {
    const result = glance('md-namespace-show', 'OS::Compute::Quota');

    expect(result.status).toBe(0);
    expect(result.output).toContain('Flavor Quota');
    expect(result.output).toContain('CPU Limits');
  });

  it('shows a property', () => {
    const result = glance('md-property-show', 'OS::Compute::Libvirt', 'boot_menu');

    expect(result.status).toBe(0);
    expect(result.output).toContain('Boot Menu');
  });

  it('lists objects', () => {
    const result = glance('md-object-list', 'OS::Software::DBMS');

    expect(result.status).toBe(0);
    expect(result.output).toContain('PostgreSQL');
  });

  it('lists resource types', () => {
    const result = glance('md-resource-type-list');

    expect(result.status).toBe(0);
    expect(result.output).toContain('OS::Glance::Image');
    expect(result.output).toContain('OS::Nova::Flavor');
  });

  it('reports a missing property', () => {
    const result = glance('md-property-show', 'OS::Compute::Libvirt', 'no_such_property');

    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Could not find property no_such_property');
  });

  it('creates, updates and deletes a namespace', () => {
    const created = glance('md-namespace-create', 'GlanceClient::Test', '--visibility', 'public');
    const property = glance(
      'md-property-create',
      'GlanceClient::Test',
      '--name',
      'speed',
      '--title',
      'Speed',
      '--schema',
      '{"type": "integer", "default": 3}',
    );
    const tags = glance('md-tag-create-multiple', 'GlanceClient::Test', '--names', 'fast,cheap');
    const updated = glance(
      'md-namespace-update',
      'GlanceClient::Test',
      '--display-name',
      'Updated',
    );
    const shown = glance('md-namespace-show', 'GlanceClient::Test');
    const deleted = glance('md-namespace-delete', 'GlanceClient::Test');
    const gone = glance('md-namespace-show', 'GlanceClient::Test');

    expect(created.status).toBe(0);
    expect(property.status).toBe(0);
    expect(property.output).toMatch(/default\s*\|\s*3/);
    expect(tags.status).toBe(0);
    expect(updated.status).toBe(0);
    expect(shown.output).toContain('Updated');
    expect(shown.output).toContain('speed');
    expect(deleted.status).toBe(0);
    expect(gone.status).not.toBe(0);
  });
});
