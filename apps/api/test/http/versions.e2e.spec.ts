import { api } from '../support/api';
import { anonymous } from '../support/identities';
import { target } from '../support/target';

/**
 * Asserts the version discovery document as Glance 25 serves it: v2.x entries, exactly one
 * CURRENT, each linking to the absolute /v2/ URL of the server. The metadefs specification
 * leaves this document out of scope, so the exact list of minor versions is not checked.
 */
function expectVersionsDocument(body: any): void {
  expect(Array.isArray(body?.versions)).toBe(true);
  expect(body.versions.length).toBeGreaterThan(0);
  const base = target.baseUrl;
  for (const version of body.versions) {
    expect(version.id).toMatch(/^v2\.\d+$/);
    expect(['CURRENT', 'SUPPORTED']).toContain(version.status);
    expect(version.links).toEqual([{ rel: 'self', href: `http://${base.host}/v2/` }]);
  }
  const current = body.versions.filter((version: any) => version.status === 'CURRENT');
  expect(current).toHaveLength(1);
}

describe('version discovery', () => {
  it('answers GET /versions with 200', async () => {
    const response = await api.get('/versions', { as: anonymous });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expectVersionsDocument(response.json);
  });

  it('answers GET / with 300', async () => {
    const response = await api.get('/', { as: anonymous });

    expect(response.status).toBe(300);
    expectVersionsDocument(response.json);
  });

  it('lists the same versions at both paths', async () => {
    const root = await api.get('/', { as: anonymous });
    const versions = await api.get('/versions', { as: anonymous });

    expect(root.json).toEqual(versions.json);
  });

  it('needs no identity', async () => {
    const response = await api.get('/versions', { as: anonymous, accept: null });

    expect(response.status).toBe(200);
  });
});
