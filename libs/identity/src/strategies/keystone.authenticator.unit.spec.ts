import { IdentityConfigurationError } from '../identity-configuration.error';
import { IdentityServiceUnavailableError } from './authenticator';
import {
  KeystoneAuthenticator,
  type KeystoneAuthenticatorOptions,
  type KeystoneLogger,
} from './keystone.authenticator';

const URL = 'http://keystone.test:5000/v3';
const START = Date.parse('2030-01-01T00:00:00Z');
const USER_TOKEN = 'gAAAAAB-user-token';
const PASSWORD = 'service-password';

type Answer = Response | Error | ((init: RequestInit) => Promise<Response>);

interface SentRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: any;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function serviceToken(name: string, expiresAt: number): Response {
  return json(
    201,
    { token: { expires_at: new Date(expiresAt).toISOString() } },
    { 'X-Subject-Token': name },
  );
}

function validToken(expiresAt: number, overrides: Record<string, unknown> = {}): Response {
  return json(200, {
    token: {
      expires_at: new Date(expiresAt).toISOString(),
      user: { id: 'user-1' },
      project: { id: 'project-1', domain: { id: 'domain-1' } },
      roles: [{ name: 'Reader' }, { name: 'member' }, { name: 'reader' }],
      ...overrides,
    },
  });
}

/**
 * A stand-in for `fetch` that serves token requests (POST) and validations (GET) from queues,
 * records what was sent, and a clock the tests move by hand.
 */
class FakeKeystone {
  now = START;
  readonly sent: SentRequest[] = [];
  readonly logins: Answer[] = [];
  readonly validations: Answer[] = [];

  readonly fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    this.sent.push({
      url: String(input),
      method,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const queue = method === 'POST' ? this.logins : this.validations;
    const answer = queue.shift();
    if (!answer) throw new Error(`no answer queued for ${method} ${String(input)}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer(init) : answer;
  }) as typeof fetch;

  count(method: string): number {
    return this.sent.filter((request) => request.method === method).length;
  }
}

function build(
  keystone: FakeKeystone,
  options: Partial<KeystoneAuthenticatorOptions> = {},
): KeystoneAuthenticator {
  return new KeystoneAuthenticator({
    url: `${URL}/`,
    username: 'metadefs',
    password: PASSWORD,
    userDomainId: 'default',
    projectName: 'service',
    projectDomainId: 'default',
    cacheSeconds: 60,
    timeoutMs: 1000,
    fetch: keystone.fetch,
    now: () => keystone.now,
    ...options,
  });
}

const withToken = (token: string = USER_TOKEN) => ({ 'x-auth-token': token });
const inOneHour = START + 3_600_000;

describe(KeystoneAuthenticator.name, () => {
  let keystone: FakeKeystone;

  beforeEach(() => {
    keystone = new FakeKeystone();
  });

  describe('when a token validates', () => {
    it('returns the identity with lower-cased roles', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour));

      const identity = await build(keystone).authenticate(withToken());

      expect(identity).toEqual({
        userId: 'user-1',
        projectId: 'project-1',
        domainId: 'domain-1',
        roles: ['reader', 'member'],
        readOnly: false,
      });
    });

    it('logs in as the service user scoped to its project', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour));

      await build(keystone).authenticate(withToken());

      const login = keystone.sent[0];
      expect(login.method).toBe('POST');
      expect(login.url).toBe(`${URL}/auth/tokens?nocatalog`);
      expect(login.body).toEqual({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'metadefs', domain: { id: 'default' }, password: PASSWORD } },
          },
          scope: { project: { name: 'service', domain: { id: 'default' } } },
        },
      });
    });

    it('validates with the service token', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour));

      await build(keystone).authenticate(withToken());

      const validation = keystone.sent[1];
      expect(validation.method).toBe('GET');
      expect(validation.url).toBe(`${URL}/auth/tokens?nocatalog`);
      expect(validation.headers['X-Auth-Token']).toBe('service-1');
      expect(validation.headers['X-Subject-Token']).toBe(USER_TOKEN);
    });

    it('gives a token without project scope no roles', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(
        validToken(inOneHour, { project: undefined, system: { all: true } }),
      );

      const identity = await build(keystone).authenticate(withToken());

      expect(identity).toEqual({
        userId: 'user-1',
        projectId: null,
        domainId: null,
        roles: [],
        readOnly: false,
      });
    });

    it('ignores identity headers', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour));

      const identity = await build(keystone).authenticate({
        ...withToken(),
        'x-roles': 'admin',
        'x-project-id': 'other',
        'x-identity-status': 'Confirmed',
      });

      expect(identity?.roles).toEqual(['reader', 'member']);
      expect(identity?.projectId).toBe('project-1');
    });
  });

  describe('when the request has no usable token', () => {
    it.each([
      ['no header', {}],
      ['an empty header', { 'x-auth-token': '  ' }],
      ['a space inside', { 'x-auth-token': 'abc def' }],
      ['a non-ASCII character', { 'x-auth-token': 'abc\u00e9' }],
      ['more than 8192 characters', { 'x-auth-token': 'a'.repeat(8193) }],
    ])('returns undefined for %s without asking Keystone', async (_, headers) => {
      const identity = await build(keystone).authenticate(headers);

      expect(identity).toBeUndefined();
      expect(keystone.sent).toHaveLength(0);
    });

    it.each([404, 400])('returns undefined for Keystone %i', async (status) => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(json(status, { error: {} }));

      expect(await build(keystone).authenticate(withToken())).toBeUndefined();
    });

    it('asks again for a token Keystone rejected', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(json(404, {}), json(404, {}));
      const authenticator = build(keystone);

      await authenticator.authenticate(withToken());
      await authenticator.authenticate(withToken());

      expect(keystone.count('GET')).toBe(2);
    });

    it('returns undefined for a token past its expiry', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(START - 1000));

      expect(await build(keystone).authenticate(withToken())).toBeUndefined();
    });
  });

  describe('cache', () => {
    it('reuses a validation within the cache period', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour));
      const authenticator = build(keystone);
      await authenticator.authenticate(withToken());

      keystone.now += 59_000;
      const identity = await authenticator.authenticate(withToken());

      expect(identity?.projectId).toBe('project-1');
      expect(keystone.count('GET')).toBe(1);
    });

    it('validates again after the cache period', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour), json(404, {}));
      const authenticator = build(keystone);
      await authenticator.authenticate(withToken());

      keystone.now += 61_000;
      const identity = await authenticator.authenticate(withToken());

      expect(identity).toBeUndefined();
      expect(keystone.count('GET')).toBe(2);
    });

    it('never keeps a validation past the token expiry', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(START + 10_000), json(404, {}));
      const authenticator = build(keystone);
      await authenticator.authenticate(withToken());

      keystone.now += 10_000;
      const identity = await authenticator.authenticate(withToken());

      expect(identity).toBeUndefined();
      expect(keystone.count('GET')).toBe(2);
    });

    it('is off with zero seconds', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour), validToken(inOneHour));
      const authenticator = build(keystone, { cacheSeconds: 0 });

      await authenticator.authenticate(withToken());
      await authenticator.authenticate(withToken());

      expect(keystone.count('GET')).toBe(2);
    });

    it('drops the oldest entry when full', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(
        validToken(inOneHour),
        validToken(inOneHour),
        validToken(inOneHour),
      );
      const authenticator = build(keystone, { maxCachedTokens: 1 });
      await authenticator.authenticate(withToken('token-a'));
      await authenticator.authenticate(withToken('token-b'));

      await authenticator.authenticate(withToken('token-a'));

      expect(keystone.count('GET')).toBe(3);
    });

    it('shares one validation between concurrent requests', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(validToken(inOneHour));
      const authenticator = build(keystone);

      const identities = await Promise.all([
        authenticator.authenticate(withToken()),
        authenticator.authenticate(withToken()),
      ]);

      expect(identities[0]).toEqual(identities[1]);
      expect(keystone.count('GET')).toBe(1);
      expect(keystone.count('POST')).toBe(1);
    });
  });

  describe('service token', () => {
    it('is reused until shortly before it expires', async () => {
      keystone.logins.push(
        serviceToken('service-1', inOneHour),
        serviceToken('service-2', inOneHour + 3_600_000),
      );
      keystone.validations.push(
        validToken(inOneHour * 2),
        validToken(inOneHour * 2),
        validToken(inOneHour * 2),
      );
      const authenticator = build(keystone, { cacheSeconds: 0 });
      await authenticator.authenticate(withToken());

      keystone.now = inOneHour - 61_000;
      await authenticator.authenticate(withToken());
      keystone.now = inOneHour - 59_000;
      await authenticator.authenticate(withToken());

      expect(keystone.count('POST')).toBe(2);
      expect(keystone.sent.at(-1)?.headers['X-Auth-Token']).toBe('service-2');
    });

    it('is renewed when Keystone answers 401', async () => {
      keystone.logins.push(
        serviceToken('service-1', inOneHour),
        serviceToken('service-2', inOneHour),
      );
      keystone.validations.push(json(401, {}), validToken(inOneHour));

      const identity = await build(keystone).authenticate(withToken());

      expect(identity?.projectId).toBe('project-1');
      expect(keystone.count('POST')).toBe(2);
      expect(keystone.sent.at(-1)?.headers['X-Auth-Token']).toBe('service-2');
    });

    it('raises when the renewed token is refused too', async () => {
      keystone.logins.push(
        serviceToken('service-1', inOneHour),
        serviceToken('service-2', inOneHour),
      );
      keystone.validations.push(json(401, {}), json(401, {}));

      await expect(build(keystone).authenticate(withToken())).rejects.toThrow(
        IdentityServiceUnavailableError,
      );
    });

    it('raises without the password when the credentials are rejected', async () => {
      keystone.logins.push(json(401, {}));

      const failure = build(keystone).authenticate(withToken());

      await expect(failure).rejects.toThrow('Keystone rejected the service credentials');
      await expect(failure).rejects.not.toThrow(PASSWORD);
    });
  });

  describe('when Keystone is unavailable', () => {
    it.each([500, 502, 503])('raises for HTTP %i', async (status) => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(json(status, {}));

      await expect(build(keystone).authenticate(withToken())).rejects.toThrow(
        `Keystone returned HTTP ${status} to a token validation`,
      );
    });

    it('raises for HTTP 403 naming the service role', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(json(403, {}));

      await expect(build(keystone).authenticate(withToken())).rejects.toThrow('service role');
    });

    it('raises when the service login fails', async () => {
      keystone.logins.push(json(500, {}));

      await expect(build(keystone).authenticate(withToken())).rejects.toThrow(
        IdentityServiceUnavailableError,
      );
    });

    it('retries a connection failure once', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(new TypeError('fetch failed'), validToken(inOneHour));

      const identity = await build(keystone).authenticate(withToken());

      expect(identity?.projectId).toBe('project-1');
    });

    it('raises after a second connection failure', async () => {
      const connectionRefused = Object.assign(new TypeError('fetch failed'), {
        cause: { code: 'ECONNREFUSED' },
      });
      keystone.logins.push(connectionRefused, connectionRefused);

      await expect(build(keystone).authenticate(withToken())).rejects.toThrow(
        `Failed to obtain a service token: cannot reach Keystone at ${URL} (ECONNREFUSED)`,
      );
    });

    it('raises after the timeout without retrying', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(
        (init) =>
          new Promise((_, reject) => {
            init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
          }),
      );

      await expect(build(keystone, { timeoutMs: 20 }).authenticate(withToken())).rejects.toThrow(
        `Keystone at ${URL} did not answer within 20 ms`,
      );
      expect(keystone.count('GET')).toBe(1);
    });

    it('does not remember a failure', async () => {
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(json(500, {}), validToken(inOneHour));
      const authenticator = build(keystone);
      await expect(authenticator.authenticate(withToken())).rejects.toThrow(
        IdentityServiceUnavailableError,
      );

      const identity = await authenticator.authenticate(withToken());

      expect(identity?.projectId).toBe('project-1');
    });
  });

  describe('logging', () => {
    function recordingLogger(): KeystoneLogger & { lines: string[] } {
      const lines: string[] = [];
      return {
        lines,
        log: (message) => lines.push(`log: ${message}`),
        warn: (message) => lines.push(`warn: ${message}`),
      };
    }

    it('warns once a minute during an outage and logs the recovery', async () => {
      const logger = recordingLogger();
      keystone.logins.push(serviceToken('service-1', inOneHour));
      keystone.validations.push(json(500, {}), json(500, {}), json(500, {}), validToken(inOneHour));
      const authenticator = build(keystone, { logger });

      await expect(authenticator.authenticate(withToken())).rejects.toThrow();
      await expect(authenticator.authenticate(withToken())).rejects.toThrow();
      keystone.now += 60_000;
      await expect(authenticator.authenticate(withToken())).rejects.toThrow();
      await authenticator.authenticate(withToken());

      expect(logger.lines).toEqual([
        'warn: Keystone is unavailable: Keystone returned HTTP 500 to a token validation',
        'warn: Keystone is unavailable: Keystone returned HTTP 500 to a token validation',
        'log: Keystone is available again',
      ]);
    });

    it('reports the service login at start', async () => {
      const logger = recordingLogger();
      keystone.logins.push(serviceToken('service-1', inOneHour));

      await build(keystone, { logger }).prefetchServiceToken();

      expect(logger.lines).toEqual(['log: Obtained a service token from Keystone']);
    });

    it('reports a failed service login at start without raising', async () => {
      const logger = recordingLogger();
      keystone.logins.push(json(401, {}), json(401, {}));

      await build(keystone, { logger }).prefetchServiceToken();

      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]).toContain('rejected the service credentials');
    });
  });

  it('challenges with the Keystone URL', () => {
    expect(build(keystone).challengeHeaders()).toEqual({
      'WWW-Authenticate': `Keystone uri="${URL}"`,
    });
  });

  it.each([
    'keystone:5000',
    'ftp://keystone/v3',
    'http://user:secret@keystone/v3',
    'http://keystone/v3?x=1',
  ])('rejects the URL %s', (url) => {
    expect(() => build(keystone, { url })).toThrow(IdentityConfigurationError);
  });
});
