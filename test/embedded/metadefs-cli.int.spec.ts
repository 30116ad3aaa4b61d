import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The `metadefs` tool on the embedded default: a load that skips what it cannot use and keeps
 * going, an unload that deletes a large catalog in several bounded commits, and an export.
 */

const root = path.resolve(__dirname, '../..');
const tool = path.join(root, 'dist/apps/metadefs/src/main.js');

jest.setTimeout(180_000);

/** Namespaces loaded before the unload: more than two unload batches of 500. */
const NAMESPACE_COUNT = 1_200;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runTool(dataDir: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [tool, ...args], {
    cwd: root,
    env: { ...process.env, EVENT_LOG: 'file', DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function catalogFile(name: string): string {
  return JSON.stringify({
    namespace: name,
    display_name: name,
    resource_type_associations: [{ name: 'OS::Glance::Image', prefix: 'cli_' }],
    properties: { speed: { title: 'Speed', type: 'integer' } },
    tags: [{ name: 'fast' }],
  });
}

/** Counts the events of type `type` in each commit of the event log, by commit id. */
function commitsOfType(dataDir: string, type: string): Map<string, number> {
  const commits = new Map<string, number>();
  const lines = fs.readFileSync(path.join(dataDir, 'events.jsonl'), 'utf8').split('\n');
  for (const line of lines) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as { type: string; commitid: string };
    if (event.type !== type) continue;
    commits.set(event.commitid, (commits.get(event.commitid) ?? 0) + 1);
  }
  return commits;
}

describe('the metadefs tool', () => {
  let work: string;
  let dataDir: string;
  let sourceDir: string;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'metadefs-cli-'));
    dataDir = path.join(work, 'data');
    sourceDir = path.join(work, 'source');
    fs.mkdirSync(sourceDir);
    for (let index = 0; index < NAMESPACE_COUNT; index += 1) {
      const name = `Cli::Namespace${String(index).padStart(4, '0')}`;
      fs.writeFileSync(
        path.join(sourceDir, `ns${String(index).padStart(4, '0')}.json`),
        catalogFile(name),
      );
    }
    fs.writeFileSync(
      path.join(sourceDir, 'zz-latin1.json'),
      Buffer.from('{"namespace": "caf\xe9"}', 'latin1'),
    );
    fs.writeFileSync(
      path.join(sourceDir, 'zz-proto.json'),
      '{"namespace": "Cli::Proto", "properties": {"__proto__": {"title": "P", "type": "string"}}}',
    );
    fs.writeFileSync(
      path.join(sourceDir, 'zz-huge.json'),
      JSON.stringify({
        namespace: 'Cli::Huge',
        // Each association also creates its resource type: about 11 MB of events.
        resource_type_associations: Array.from({ length: 9000 }, (_, index) => ({
          name: `OS::Huge::${String(index).padStart(5, '0')}`.padEnd(80, 'x'),
        })),
      }),
    );
    const linked = path.join(work, 'linked.json');
    fs.writeFileSync(linked, catalogFile('Cli::Linked'));
    fs.symlinkSync(linked, path.join(sourceDir, 'zz-link.json'));
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('refuses to run without a command', () => {
    const run = runTool(dataDir);

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('A command is required');
  });

  it('loads every usable file, follows links and skips the rest', () => {
    const run = runTool(dataDir, 'load', '--path', sourceDir);

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/failed +- \(.*zz-latin1\.json\): the file is not valid UTF-8/);
    expect(run.stdout).toMatch(/failed +- \(.*zz-proto\.json\): .*__proto__/);
    expect(run.stdout).toMatch(/created +Cli::Linked \(.*zz-link\.json\)/);
    expect(run.stdout).toMatch(
      /failed +Cli::Huge \(.*zz-huge\.json\): The change would add \d+ bytes of events to the event log, more than the limit of 4194304 bytes/,
    );
    expect(run.stdout).toContain(
      `Loaded ${NAMESPACE_COUNT + 4} files: ${NAMESPACE_COUNT + 1} created, 3 failed`,
    );
  });

  it('unloads everything in commits of at most 500 deletions', () => {
    const run = runTool(dataDir, 'unload');

    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Unloaded ${NAMESPACE_COUNT + 1} namespaces and 1 resource types`);
    const commits = [
      ...commitsOfType(dataDir, 'org.openstack.metadefs.namespace.deleted.v1').values(),
    ];
    expect(commits).toEqual([500, 500, NAMESPACE_COUNT + 1 - 1000]);
  });

  it('exports nothing after the unload', () => {
    const exportDir = path.join(work, 'export');
    fs.mkdirSync(exportDir);

    const run = runTool(dataDir, 'export', '--path', exportDir);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Exported 0 namespaces');
    expect(fs.readdirSync(exportDir)).toEqual([]);
  });
});
