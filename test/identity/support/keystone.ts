import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The Keystone that `scripts/services/keystone.sh` runs on 127.0.0.1, and the users its `seed`
 * command creates. KEYSTONE_PORT, KEYSTONE_ADMIN_PASSWORD, KEYSTONE_SEED_PASSWORD and
 * KEYSTONE_SERVICE_PASSWORD override the script's defaults, as they do for the script.
 */
export const repositoryRoot = path.resolve(__dirname, '../../..');
const keystoneScript = path.join(repositoryRoot, 'scripts/services/keystone.sh');

export const keystone = {
  url: `http://127.0.0.1:${process.env.KEYSTONE_PORT ?? '5000'}/v3`,
  adminPassword: process.env.KEYSTONE_ADMIN_PASSWORD ?? 'admin-secret',
  seedPassword: process.env.KEYSTONE_SEED_PASSWORD ?? 'secret',
  get servicePassword(): string {
    return process.env.KEYSTONE_SERVICE_PASSWORD ?? this.seedPassword;
  },
  serviceUser: 'metadefs',
  serviceProject: 'service',
};

/** A user of the seed, with the roles its token must list (implied roles included). */
export interface Persona {
  readonly user: string;
  readonly project: 'alpha' | 'beta';
  readonly roles: readonly string[];
}

export const personas = {
  alphaAdmin: { user: 'alpha-admin', project: 'alpha', roles: ['admin', 'member', 'reader'] },
  alphaMember: { user: 'alpha-member', project: 'alpha', roles: ['member', 'reader'] },
  alphaReader: { user: 'alpha-reader', project: 'alpha', roles: ['reader'] },
  betaMember: { user: 'beta-member', project: 'beta', roles: ['member', 'reader'] },
  betaReader: { user: 'beta-reader', project: 'beta', roles: ['reader'] },
} satisfies Record<string, Persona>;

export const allPersonas: readonly Persona[] = Object.values(personas);

export interface IssuedToken {
  readonly token: string;
  readonly body: TokenBody;
}

export interface TokenBody {
  token: {
    expires_at: string;
    user: { id: string; name: string };
    project?: { id: string; name: string; domain: { id: string } };
    roles?: { id: string; name: string }[];
  };
}

/** Runs `keystone.sh COMMAND` and returns its stdout; throws with its output when it fails. */
export function runKeystoneScript(command: 'start' | 'stop' | 'seed' | 'status'): string {
  const result = spawnSync('bash', [keystoneScript, command], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${keystoneScript} ${command} failed with exit status ${result.status}:\n` +
        `${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/**
 * Starts Keystone if it is not running and seeds it if a seeded user cannot log in. Seeding is
 * skipped otherwise because it resets passwords, which revokes every token of those users,
 * including the ones that other test files or a running API hold. Resolves to whether this
 * call started Keystone.
 */
export async function ensureKeystone(): Promise<boolean> {
  const wasRunning = keystoneIsRunning();
  runKeystoneScript('start');
  if (!(await seedUsersCanLogIn())) {
    runKeystoneScript('seed');
    // A password change revokes the user's tokens issued up to the same second, so a token
    // requested within that second would be refused.
    await sleep(1100);
  }
  return !wasRunning;
}

/** Tells whether `keystone.sh status` finds Keystone running and responding. */
export function keystoneIsRunning(): boolean {
  return spawnSync('bash', [keystoneScript, 'status'], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes Keystone available to the tests of a file: started and seeded before them, and stopped
 * after them when it was not running before.
 */
export function useKeystone(): void {
  let startedHere = false;
  beforeAll(async () => {
    startedHere = await ensureKeystone();
  }, 600_000);
  afterAll(() => {
    if (startedHere) runKeystoneScript('stop');
  }, 60_000);
}

async function seedUsersCanLogIn(): Promise<boolean> {
  try {
    await issueToken(keystone.serviceUser, keystone.serviceProject, keystone.servicePassword);
    for (const persona of allPersonas) await issueToken(persona.user, persona.project);
    return true;
  } catch {
    return false;
  }
}

/** Requests a token scoped to a project of the default domain with password auth. */
export async function issueToken(
  user: string,
  project: string,
  password: string = keystone.seedPassword,
): Promise<IssuedToken> {
  return requestToken({
    identity: {
      methods: ['password'],
      password: { user: { name: user, domain: { id: 'default' }, password } },
    },
    scope: { project: { name: project, domain: { id: 'default' } } },
  });
}

/** Requests a token of the bootstrap `admin` user scoped to the whole system, not a project. */
export function issueSystemScopedToken(): Promise<IssuedToken> {
  return requestToken({
    identity: {
      methods: ['password'],
      password: {
        user: { name: 'admin', domain: { id: 'default' }, password: keystone.adminPassword },
      },
    },
    scope: { system: { all: true } },
  });
}

/** A token of the bootstrap `admin` user on project `admin`, for managing Keystone. */
export async function adminToken(): Promise<string> {
  return (await issueToken('admin', 'admin', keystone.adminPassword)).token;
}

/** Requests a token with POST /v3/auth/tokens; throws unless Keystone returns 201. */
export async function requestToken(auth: unknown): Promise<IssuedToken> {
  const response = await fetch(`${keystone.url}/auth/tokens?nocatalog`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ auth }),
  });
  const token = response.headers.get('x-subject-token');
  if (response.status !== 201 || !token) {
    throw new Error(`Keystone refused a token: HTTP ${response.status} ${await response.text()}`);
  }
  return { token, body: (await response.json()) as TokenBody };
}

/** Sends one identity API request as `token` and returns status and parsed body. */
export async function keystoneCall(
  method: string,
  apiPath: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const response = await fetch(`${keystone.url}${apiPath}`, {
    method,
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Revokes a token in Keystone (DELETE /v3/auth/tokens), as its own holder. */
export async function revokeToken(token: string): Promise<void> {
  const response = await fetch(`${keystone.url}/auth/tokens`, {
    method: 'DELETE',
    headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
  });
  if (response.status !== 204) throw new Error(`Revoking a token returned HTTP ${response.status}`);
}

/** Returns Keystone's status for validating `token` with `serviceToken`: 200 valid, 404 not. */
export async function validationStatus(serviceToken: string, token: string): Promise<number> {
  const response = await fetch(`${keystone.url}/auth/tokens?nocatalog`, {
    headers: { 'X-Auth-Token': serviceToken, 'X-Subject-Token': token },
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Issues a token that expires `seconds` from now: Keystone caps the expiry of a token obtained
 * with an application credential at the credential's own expiry.
 */
export async function issueShortLivedToken(
  persona: Persona,
  seconds: number,
): Promise<{ token: string; expiresAt: number }> {
  const { token: userToken, body } = await issueToken(persona.user, persona.project);
  const expiresAt = new Date(Date.now() + seconds * 1000);
  const created = await keystoneCall(
    'POST',
    `/users/${body.token.user.id}/application_credentials`,
    userToken,
    {
      application_credential: {
        name: `int-short-lived-${Date.now()}-${Math.random().toString(16).slice(2)}`,
        expires_at: expiresAt.toISOString(),
        roles: persona.roles.map((name) => ({ name })),
      },
    },
  );
  if (created.status !== 201) {
    throw new Error(`Creating an application credential returned HTTP ${created.status}`);
  }
  const credential = created.json.application_credential as { id: string; secret: string };
  const issued = await requestToken({
    identity: {
      methods: ['application_credential'],
      application_credential: { id: credential.id, secret: credential.secret },
    },
  });
  return { token: issued.token, expiresAt: Date.parse(issued.body.token.expires_at) };
}

/**
 * Resets the service user's password to its current value. Keystone then revokes every token
 * of that user, including the service token a running API holds.
 */
export async function revokeServiceUserTokens(): Promise<void> {
  const token = await adminToken();
  const users = await keystoneCall(
    'GET',
    `/users?name=${keystone.serviceUser}&domain_id=default`,
    token,
  );
  const userId = users.json.users[0].id as string;
  const updated = await keystoneCall('PATCH', `/users/${userId}`, token, {
    user: { password: keystone.servicePassword },
  });
  if (updated.status !== 200)
    throw new Error(`Updating ${keystone.serviceUser} returned HTTP ${updated.status}`);
  await sleep(1100);
}

/**
 * Registers `url` as the public endpoint of the `image` service in region RegionOne, creating
 * the service or updating an existing endpoint as needed, so that a second run is harmless.
 */
export async function registerImageEndpoint(url: string): Promise<void> {
  const token = await adminToken();
  const services = await keystoneCall('GET', '/services?type=image', token);
  let serviceId = services.json.services[0]?.id as string | undefined;
  if (!serviceId) {
    const created = await keystoneCall('POST', '/services', token, {
      service: {
        type: 'image',
        name: 'glance',
        description: 'Metadata definitions catalog (tests)',
      },
    });
    serviceId = created.json.service.id as string;
  }
  const endpoints = await keystoneCall(
    'GET',
    `/endpoints?service_id=${serviceId}&interface=public`,
    token,
  );
  const existing = endpoints.json.endpoints[0] as { id: string; url: string } | undefined;
  if (!existing) {
    const created = await keystoneCall('POST', '/endpoints', token, {
      endpoint: {
        service_id: serviceId,
        interface: 'public',
        region_id: 'RegionOne',
        url,
        enabled: true,
      },
    });
    if (created.status !== 201)
      throw new Error(`Creating the image endpoint returned HTTP ${created.status}`);
  } else if (existing.url !== url) {
    const updated = await keystoneCall('PATCH', `/endpoints/${existing.id}`, token, {
      endpoint: { url },
    });
    if (updated.status !== 200)
      throw new Error(`Updating the image endpoint returned HTTP ${updated.status}`);
  }
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
