/**
 * python-glanceclient's md-* commands against the API through Keystone: the API is registered
 * as the public endpoint of the `image` service, and `glance` logs in with a user's password,
 * finds the endpoint in the catalog and sends the user's token.
 *
 * Needs `npm run build` and the `glance` command (Debian's python3-glanceclient, installed with
 * apt-get when missing and running as root). Starts Keystone with scripts/services/keystone.sh
 * when it is not running.
 */
import { spawnSync } from 'node:child_process';
import { ensureGlanceClient } from '../support/glance-client';
import {
  keystoneEnvironment,
  startApi,
  withoutOpenStackVariables,
  type ApiProcess,
} from './support/api-process';
import {
  issueToken,
  keystone,
  personas,
  registerImageEndpoint,
  useKeystone,
  type Persona,
} from './support/keystone';

jest.setTimeout(120_000);

useKeystone();

interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `glance` as a seeded user, authenticated through Keystone with the user's password. */
function glance(persona: Persona, args: string[]): CommandResult {
  const result = spawnSync(
    'glance',
    [
      '--os-auth-url',
      keystone.url,
      '--os-username',
      persona.user,
      '--os-password',
      keystone.seedPassword,
      '--os-project-name',
      persona.project,
      '--os-user-domain-id',
      'default',
      '--os-project-domain-id',
      'default',
      ...args,
    ],
    { env: withoutOpenStackVariables(process.env), encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reads the value of a `| Property | Value |` row of the tables glanceclient prints. */
function tableValue(output: string, property: string): string | undefined {
  for (const line of output.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length >= 4 && cells[1] === property) return cells[2];
  }
  return undefined;
}

/** The single-column values of a table such as the one md-namespace-list prints. */
function tableColumn(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|')[1].trim())
    .slice(1);
}

const admin = personas.alphaAdmin;
const namespace = `IntGlanceClient${Math.random().toString(16).slice(2, 10)}`;
let api: ApiProcess;
let alphaProjectId: string;

beforeAll(async () => {
  ensureGlanceClient();
  api = await startApi(keystoneEnvironment());
  await registerImageEndpoint(api.url);
  alphaProjectId = (await issueToken(admin.user, admin.project)).body.token.project?.id as string;
}, 600_000);

afterAll(async () => {
  glance(admin, ['md-namespace-delete', namespace]);
  await api?.stop();
});

it('creates a namespace owned by the project', () => {
  const result = glance(admin, [
    'md-namespace-create',
    namespace,
    '--visibility',
    'public',
    '--description',
    'created by python-glanceclient',
  ]);

  expect(result.status).toBe(0);
  expect(tableValue(result.stdout, 'namespace')).toBe(namespace);
  expect(tableValue(result.stdout, 'owner')).toBe(alphaProjectId);
  expect(tableValue(result.stdout, 'visibility')).toBe('public');
});

it('lists the namespace', () => {
  const result = glance(admin, ['md-namespace-list']);

  expect(result.status).toBe(0);
  expect(tableColumn(result.stdout)).toContain(namespace);
});

it('creates a property', () => {
  const result = glance(admin, [
    'md-property-create',
    namespace,
    '--name',
    'size',
    '--title',
    'Size',
    '--schema',
    '{"type": "integer", "minimum": 1}',
  ]);

  expect(result.status).toBe(0);
  expect(tableValue(result.stdout, 'name')).toBe('size');
  expect(tableValue(result.stdout, 'type')).toBe('integer');
  expect(tableValue(result.stdout, 'minimum')).toBe('1');
});

it('creates several tags', () => {
  const result = glance(admin, ['md-tag-create-multiple', namespace, '--names', 'fast,ssd']);

  expect(result.status).toBe(0);
  expect(tableColumn(result.stdout).sort()).toEqual(['fast', 'ssd']);
});

it('associates a resource type', () => {
  const result = glance(admin, [
    'md-resource-type-associate',
    namespace,
    '--name',
    'OS::Glance::Image',
    '--prefix',
    'hw_',
  ]);

  expect(result.status).toBe(0);
  expect(tableValue(result.stdout, 'name')).toBe('OS::Glance::Image');
  expect(tableValue(result.stdout, 'prefix')).toBe('hw_');
});

it('shows the namespace with its content', () => {
  const result = glance(admin, ['md-namespace-show', namespace]);

  expect(result.status).toBe(0);
  expect(tableValue(result.stdout, 'properties')).toBe('["size"]');
  expect(tableValue(result.stdout, 'resource_type_associations')).toBe('["OS::Glance::Image"]');
  expect(JSON.parse(tableValue(result.stdout, 'tags') ?? '[]').sort()).toEqual(['fast', 'ssd']);
});

it('shows the namespace to a reader of another project', () => {
  const result = glance(personas.betaReader, ['md-namespace-show', namespace]);

  expect(result.status).toBe(0);
  expect(tableValue(result.stdout, 'namespace')).toBe(namespace);
});

it('reports the policy refusal to a reader', () => {
  const result = glance(personas.alphaReader, ['md-namespace-create', `${namespace}Reader`]);

  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain(
    'You are not authorized to complete add_metadef_namespace action.',
  );
});

it('calls the catalog endpoint with /v2 appended', () => {
  // The catalog contains the API's root URL, and glanceclient adds the version to each path.
  const result = glance(admin, ['--debug', 'md-namespace-show', namespace]);

  expect(result.status).toBe(0);
  expect(result.stderr).toContain(`GET ${api.url}/v2/metadefs/namespaces/${namespace} `);
});

it('deletes the namespace', () => {
  const deleted = glance(admin, ['md-namespace-delete', namespace]);
  const shown = glance(admin, ['md-namespace-show', namespace]);

  expect(deleted.status).toBe(0);
  expect(shown.status).not.toBe(0);
  expect(shown.stderr).toContain(`Metadata definition namespace=${namespace} was not found.`);
});
