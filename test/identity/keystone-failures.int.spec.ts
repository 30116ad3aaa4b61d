/**
 * The API's responses when Keystone fails in ways a healthy Keystone cannot be made to: 5xx
 * responses, no response at all, and rejected service credentials. A small HTTP server on
 * 127.0.0.1 stands in for Keystone's token API; the real one is covered by keystone-auth.
 *
 * Needs `npm run build`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keystoneEnvironment, startApi, type ApiProcess } from './support/api-process';
import { errorMessage, messages, paths, send } from './support/http';

jest.setTimeout(60_000);

type Mode = 'valid' | 'server-error' | 'no-answer' | 'reject-service-user';

const SERVICE_PASSWORD = 'stand-in-service-password';
const USER_TOKEN = 'stand-in-user-token';

/** Keystone's token API as far as the API uses it, responding according to `mode`. */
class StandInKeystone {
  mode: Mode = 'valid';
  validations = 0;
  private readonly server = http.createServer((request, response) =>
    this.answer(request, response),
  );
  private readonly held: http.ServerResponse[] = [];

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v3`;
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    request.resume();
    const inOneHour = new Date(Date.now() + 3_600_000).toISOString();
    if (request.method === 'POST') {
      if (this.mode === 'reject-service-user')
        return this.json(response, 401, { error: { code: 401 } });
      response.setHeader('X-Subject-Token', 'stand-in-service-token');
      return this.json(response, 201, { token: { expires_at: inOneHour } });
    }
    this.validations += 1;
    switch (this.mode) {
      case 'server-error':
        return this.json(response, 500, { error: { code: 500 } });
      case 'no-answer':
        this.held.push(response);
        return;
      case 'reject-service-user':
        // The service token is refused as well, so the API has to log in again.
        return this.json(response, 401, { error: { code: 401 } });
      default:
        if (request.headers['x-subject-token'] !== USER_TOKEN) return this.json(response, 404, {});
        return this.json(response, 200, {
          token: {
            expires_at: inOneHour,
            user: { id: 'user-1' },
            project: { id: 'project-1', domain: { id: 'default' } },
            roles: [{ name: 'Reader' }],
          },
        });
    }
  }

  private json(response: http.ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}

const keystone = new StandInKeystone();
let api: ApiProcess;

beforeAll(async () => {
  const url = await keystone.start();
  api = await startApi(
    keystoneEnvironment({
      KEYSTONE_URL: url,
      KEYSTONE_PASSWORD: SERVICE_PASSWORD,
      KEYSTONE_TIMEOUT_MS: '300',
      // Every request is validated by Keystone, so that each test sees the mode it set.
      KEYSTONE_CACHE_SECONDS: '0',
    }),
  );
});

afterAll(async () => {
  await api?.stop();
  await keystone.stop();
});

beforeEach(() => {
  keystone.mode = 'valid';
});

async function listNamespaces() {
  return send(api.url, 'GET', paths.namespaces, { token: USER_TOKEN });
}

it('accepts a token the stand-in validates', async () => {
  const response = await listNamespaces();

  expect(response.status).toBe(200);
});

it('returns 503 for a Keystone 500', async () => {
  keystone.mode = 'server-error';

  const response = await listNamespaces();

  expect(response.status).toBe(503);
  expect(errorMessage(response)).toBe(messages.identityUnavailable);
  expect(api.isRunning()).toBe(true);
});

it('returns 503 on a Keystone timeout', async () => {
  keystone.mode = 'no-answer';
  const started = Date.now();

  const response = await listNamespaces();

  expect(response.status).toBe(503);
  expect(errorMessage(response)).toBe(messages.identityUnavailable);
  expect(Date.now() - started).toBeLessThan(3000);
});

it('does not remember a failure', async () => {
  keystone.mode = 'server-error';
  expect((await listNamespaces()).status).toBe(503);

  keystone.mode = 'valid';

  expect((await listNamespaces()).status).toBe(200);
});

it('returns 401 for an unknown token', async () => {
  const response = await send(api.url, 'GET', paths.namespaces, { token: 'some-other-token' });

  expect(response.status).toBe(401);
});

it('returns 503 for rejected service credentials', async () => {
  keystone.mode = 'reject-service-user';

  const response = await listNamespaces();

  expect(response.status).toBe(503);
  const log = api.readLog();
  expect(log).toContain('rejected the service credentials');
  expect(log).not.toContain(SERVICE_PASSWORD);
  expect(log).not.toContain(USER_TOKEN);
});
