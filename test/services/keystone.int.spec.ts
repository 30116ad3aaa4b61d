/**
 * Smoke test: Keystone's v3 token API as the catalog uses it, against the server
 * started by `scripts/services/keystone.sh start` and filled by `keystone.sh seed`.
 * The service user `metadefs` validates users' tokens, as the API does for each
 * request.
 *
 * KEYSTONE_URL overrides the endpoint (default http://127.0.0.1:5000/v3), and
 * KEYSTONE_SEED_PASSWORD / KEYSTONE_SERVICE_PASSWORD the seeded passwords (default secret).
 */
const keystoneUrl = process.env.KEYSTONE_URL ?? 'http://127.0.0.1:5000/v3';
const seedPassword = process.env.KEYSTONE_SEED_PASSWORD ?? 'secret';
const servicePassword = process.env.KEYSTONE_SERVICE_PASSWORD ?? seedPassword;

jest.setTimeout(30_000);

interface TokenBody {
  token: {
    expires_at: string;
    user: { name: string; domain: { id: string } };
    project?: { id: string; name: string };
    roles?: { id: string; name: string }[];
  };
}

/** Requests a token scoped to a project of the default domain and returns it with its body. */
async function issueToken(
  user: string,
  password: string,
  project: string,
): Promise<{ token: string; body: TokenBody }> {
  let response: Response;
  try {
    response = await fetch(`${keystoneUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: user, domain: { id: 'default' }, password } },
          },
          scope: { project: { name: project, domain: { id: 'default' } } },
        },
      }),
    });
  } catch (error) {
    throw new Error(
      `cannot reach Keystone at ${keystoneUrl}: ${String(error)}. ` +
        'Start it with scripts/services/keystone.sh start, then run keystone.sh seed',
    );
  }
  if (response.status !== 201) {
    throw new Error(
      `token request for ${user} on ${project} returned HTTP ${response.status}: ` +
        `${await response.text()}. Did scripts/services/keystone.sh seed run?`,
    );
  }
  const token = response.headers.get('x-subject-token');
  if (!token) {
    throw new Error('token response has no X-Subject-Token header');
  }
  return { token, body: (await response.json()) as TokenBody };
}

function validateToken(serviceToken: string, subjectToken: string): Promise<Response> {
  return fetch(`${keystoneUrl}/auth/tokens`, {
    headers: { 'X-Auth-Token': serviceToken, 'X-Subject-Token': subjectToken },
  });
}

function roleNames(body: TokenBody): string[] {
  return (body.token.roles ?? []).map((role) => role.name).sort();
}

describe('Keystone token API', () => {
  let serviceToken: string;

  beforeAll(async () => {
    ({ token: serviceToken } = await issueToken('metadefs', servicePassword, 'service'));
  });

  it('issues a project-scoped token', async () => {
    const { token, body } = await issueToken('alpha-member', seedPassword, 'alpha');

    expect(token.length).toBeGreaterThan(0);
    expect(body.token.user.name).toBe('alpha-member');
    expect(body.token.project?.name).toBe('alpha');
    expect(Date.parse(body.token.expires_at)).toBeGreaterThan(Date.now());
  });

  it('validates a token with the service token', async () => {
    const { token } = await issueToken('alpha-member', seedPassword, 'alpha');

    const response = await validateToken(serviceToken, token);

    expect(response.status).toBe(200);
    expect(response.headers.get('x-subject-token')).toBe(token);
    const body = (await response.json()) as TokenBody;
    expect(body.token.user.name).toBe('alpha-member');
    expect(body.token.user.domain.id).toBe('default');
    expect(body.token.project?.name).toBe('alpha');
  });

  // The bootstrap creates the implications admin => member => reader, and a token
  // lists implied roles next to the assigned ones.
  it.each([
    ['alpha-admin', 'alpha', ['admin', 'member', 'reader']],
    ['alpha-member', 'alpha', ['member', 'reader']],
    ['alpha-reader', 'alpha', ['reader']],
    ['beta-member', 'beta', ['member', 'reader']],
    ['beta-reader', 'beta', ['reader']],
  ])('lists implied roles for %s', async (user, project, expectedRoles) => {
    const { token } = await issueToken(user, seedPassword, project);

    const response = await validateToken(serviceToken, token);

    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenBody;
    expect(roleNames(body)).toEqual(expectedRoles);
    expect(body.token.project?.name).toBe(project);
  });

  it('gives the service user the service role', async () => {
    const response = await validateToken(serviceToken, serviceToken);

    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenBody;
    expect(roleNames(body)).toEqual(expect.arrayContaining(['admin', 'service']));
  });

  it('rejects an invalid token with 404', async () => {
    const response = await validateToken(serviceToken, 'gAAAAABnot-a-real-fernet-token');

    expect(response.status).toBe(404);
  });

  it('rejects a request without a valid service token with 401', async () => {
    const { token } = await issueToken('alpha-member', seedPassword, 'alpha');

    const response = await validateToken('not-a-token', token);

    expect(response.status).toBe(401);
  });

  it('rejects a revoked token with 404', async () => {
    const { token } = await issueToken('alpha-reader', seedPassword, 'alpha');
    expect((await validateToken(serviceToken, token)).status).toBe(200);

    const revoke = await fetch(`${keystoneUrl}/auth/tokens`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': serviceToken, 'X-Subject-Token': token },
    });

    expect(revoke.status).toBe(204);
    expect((await validateToken(serviceToken, token)).status).toBe(404);
  });
});
