/**
 * Token validation with `AUTH_STRATEGY=keystone` against a real Keystone: missing, forged,
 * revoked and expired tokens, identity headers sent by clients, tokens without a project
 * scope, renewal of the service token, and a Keystone outage while the API keeps running.
 *
 * Needs `npm run build`; starts Keystone with scripts/services/keystone.sh when it is not
 * running. The outage test stops and restarts that Keystone, so no other test may use it at the
 * same time: jest runs int files one after the other on this 2-core machine, and `--runInBand`
 * enforces it elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { keystoneEnvironment, startApi, type ApiProcess } from './support/api-process';
import { errorMessage, messages, paths, send, type ApiResponse } from './support/http';
import {
  issueShortLivedToken,
  issueSystemScopedToken,
  issueToken,
  keystone,
  personas,
  revokeServiceUserTokens,
  revokeToken,
  runKeystoneScript,
  sleep,
  useKeystone,
  validationStatus,
  type Persona,
} from './support/keystone';

jest.setTimeout(120_000);

useKeystone();

let api: ApiProcess;
let projectIds: { alpha: string; beta: string };
let privateOfBeta: string;

beforeAll(async () => {
  api = await startApi(keystoneEnvironment({ KEYSTONE_CACHE_SECONDS: '60' }));
  const alphaAdmin = await issueToken(personas.alphaAdmin.user, 'alpha');
  const betaReader = await issueToken(personas.betaReader.user, 'beta');
  projectIds = {
    alpha: alphaAdmin.body.token.project?.id as string,
    beta: betaReader.body.token.project?.id as string,
  };
  privateOfBeta = `int-auth-beta-private-${randomBytes(4).toString('hex')}`;
  const created = await send(api.url, 'POST', paths.namespaces, {
    token: alphaAdmin.token,
    json: { namespace: privateOfBeta, owner: projectIds.beta },
  });
  expect(created.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

function expectUnauthorized(response: ApiResponse): void {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe(`Keystone uri="${keystone.url}"`);
  expect(errorMessage(response)).toBe(messages.unauthorized);
}

/** Every user token this file sent to the API, to check that none reaches the log. */
const sentTokens: string[] = [];

async function freshToken(persona: Persona = personas.alphaReader): Promise<string> {
  const { token } = await issueToken(persona.user, persona.project);
  sentTokens.push(token);
  return token;
}

describe('requests without a valid token', () => {
  it('rejects a request without token', async () => {
    expectUnauthorized(await send(api.url, 'GET', paths.namespaces));
  });

  it('rejects before routing', async () => {
    expectUnauthorized(await send(api.url, 'GET', '/v2/metadefs/no-such-route'));
  });

  it('rejects a random token', async () => {
    const token = randomBytes(32).toString('hex');

    expectUnauthorized(await send(api.url, 'GET', paths.namespaces, { token }));
  });

  it('rejects a forged fernet-like token', async () => {
    // Fernet tokens are URL-safe base64 starting with the version byte 0x80, "gAAAAA".
    const token = `gAAAAAB${randomBytes(150).toString('base64url')}`;

    expectUnauthorized(await send(api.url, 'GET', paths.namespaces, { token }));
  });

  it('rejects a non-ASCII token', async () => {
    const token = `${await freshToken()}\u00e9`;

    expectUnauthorized(await send(api.url, 'GET', paths.namespaces, { token }));
  });

  it('rejects a token revoked before its first use', async () => {
    const token = await freshToken();
    await revokeToken(token);

    expectUnauthorized(await send(api.url, 'GET', paths.namespaces, { token }));
  });

  it('rejects a token after its expiry despite the cache', async () => {
    // The API caches validations for 60 s but never past the token's expires_at.
    const { token, expiresAt } = await issueShortLivedToken(personas.alphaReader, 6);
    const before = await send(api.url, 'GET', paths.namespaces, { token });
    expect(before.status).toBe(200);

    await sleep(Math.max(0, expiresAt - Date.now()) + 1500);

    expectUnauthorized(await send(api.url, 'GET', paths.namespaces, { token }));
  });

  it('rejects trusted identity headers without a token', async () => {
    const response = await send(api.url, 'GET', paths.namespaces, {
      headers: {
        'X-Identity-Status': 'Confirmed',
        'X-Roles': 'admin,member,reader',
        'X-Project-Id': projectIds.alpha,
        'X-User-Id': 'someone',
      },
    });

    expectUnauthorized(response);
  });
});

describe('identity headers sent with a token', () => {
  const spoofedHeaders = () => ({
    'X-Identity-Status': 'Confirmed',
    'X-Roles': 'admin',
    'X-Project-Id': projectIds.beta,
    'X-Tenant-Id': projectIds.beta,
    'X-Project-Domain-Id': 'default',
    'X-User-Id': 'admin',
  });

  it('gives a member no admin right to create', async () => {
    const token = await freshToken(personas.alphaMember);

    const response = await send(api.url, 'POST', paths.namespaces, {
      token,
      json: { namespace: `int-auth-spoof-${randomBytes(4).toString('hex')}` },
      headers: spoofedHeaders(),
    });

    expect(response.status).toBe(403);
    expect(errorMessage(response)).toBe(messages.forbidden('add_metadef_namespace'));
  });

  it("hides another project's private namespace", async () => {
    const token = await freshToken(personas.alphaMember);

    const response = await send(api.url, 'GET', paths.namespace(privateOfBeta), {
      token,
      headers: spoofedHeaders(),
    });

    expect(response.status).toBe(404);
    expect(errorMessage(response)).toBe(messages.notFound);
  });

  it('keeps the namespace out of the list', async () => {
    const token = await freshToken(personas.alphaMember);

    const response = await send(api.url, 'GET', `${paths.namespaces}?limit=1000`, {
      token,
      headers: spoofedHeaders(),
    });

    expect(response.status).toBe(200);
    const names = (response.json.namespaces as Array<{ namespace: string }>).map(
      (item) => item.namespace,
    );
    expect(names).not.toContain(privateOfBeta);
  });
});

describe('token scope', () => {
  it('limits a system-scoped admin to schemas', async () => {
    // Glance's rules are project-scoped: without a project the token carries no roles here,
    // and a caller without roles gets 404 rather than 403.
    const { token } = await issueSystemScopedToken();

    const list = await send(api.url, 'GET', paths.namespaces, { token });
    const create = await send(api.url, 'POST', paths.namespaces, {
      token,
      json: { namespace: `int-auth-system-${randomBytes(4).toString('hex')}` },
    });
    const schema = await send(api.url, 'GET', paths.schema('namespace'), { token });

    expect(list.status).toBe(404);
    expect(errorMessage(list)).toBe(messages.notFound);
    expect(create.status).toBe(404);
    expect(schema.status).toBe(200);
  });
});

describe('service token', () => {
  it('is renewed after Keystone revokes it', async () => {
    const before = await issueToken(
      keystone.serviceUser,
      keystone.serviceProject,
      keystone.servicePassword,
    );
    await send(api.url, 'GET', paths.namespaces, { token: await freshToken() });

    await revokeServiceUserTokens();

    // The old service token no longer validates anything, so the API must get a new one.
    expect(await validationStatus(before.token, await freshToken())).toBe(401);
    const response = await send(api.url, 'GET', paths.namespaces, { token: await freshToken() });
    expect(response.status).toBe(200);
  });
});

describe('Keystone outage', () => {
  afterAll(() => {
    // Leaves Keystone running for the next tests, whatever happened here.
    runKeystoneScript('start');
  });

  it('returns 503 during an outage, then recovers', async () => {
    const cachedToken = await freshToken(personas.alphaReader);
    expect((await send(api.url, 'GET', paths.namespaces, { token: cachedToken })).status).toBe(200);
    const unusedToken = await freshToken(personas.betaReader);

    runKeystoneScript('stop');

    const cached = await send(api.url, 'GET', paths.namespaces, { token: cachedToken });
    const unavailable = await send(api.url, 'GET', paths.namespaces, { token: unusedToken });
    expect(cached.status).toBe(200);
    expect(unavailable.status).toBe(503);
    expect(errorMessage(unavailable)).toBe(messages.identityUnavailable);
    expect(unavailable.json.code).toBe('503 Service Unavailable');
    expect(api.isRunning()).toBe(true);

    runKeystoneScript('start');

    const recovered = await send(api.url, 'GET', paths.namespaces, { token: unusedToken });
    expect(recovered.status).toBe(200);
    expect(api.isRunning()).toBe(true);
    const log = api.readLog();
    expect(log).toContain('Keystone is unavailable');
    expect(log).toContain('Keystone is available again');
  });

  it('never logs a token or the service password', async () => {
    const log = api.readLog();

    expect(sentTokens.length).toBeGreaterThan(5);
    for (const token of sentTokens) expect(log).not.toContain(token);
    expect(log).not.toContain(keystone.servicePassword);
  });
});
