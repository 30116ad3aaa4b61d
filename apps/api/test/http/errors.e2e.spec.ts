import { api, call, paths } from '../support/api';
import { expectError, reasonPhrases } from '../support/errors';
import { uniqueName, useNamespaces } from '../support/fixtures';
import { admin, anonymous } from '../support/identities';
import { expectedFor, target } from '../support/target';

const requestIdPattern =
  /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const unauthorizedExplanation =
  'This server could not verify that you are authorized to access the document you ' +
  'requested. Either you supplied the wrong credentials (e.g., bad password), or your ' +
  'browser does not understand how to supply the credentials required.';

describe('error formats', () => {
  const missing = uniqueName('missing');
  const explanation = `Namespace ${missing} not found`;

  function deleteMissing(accept: string | null) {
    return api.delete(paths.namespace(missing), { accept });
  }

  it('uses plain text without Accept', async () => {
    const response = await deleteMissing(null);

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(response.text).toBe(`404 Not Found\n\n${explanation}\n\n   `);
  });

  it('uses plain text for text/plain', async () => {
    const response = await deleteMissing('text/plain');

    expect(response.headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(response.text).toBe(`404 Not Found\n\n${explanation}\n\n   `);
  });

  it('uses JSON for application/json', async () => {
    const response = await deleteMissing('application/json');

    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.text)).toEqual({
      message: `${explanation}<br /><br />\n\n\n`,
      code: '404 Not Found',
      title: 'Not Found',
    });
  });

  it.each(['*/*', 'text/html', 'text/html,application/json;q=0.9'])(
    'uses HTML for %s',
    async (accept) => {
      const response = await deleteMissing(accept);

      expect(response.headers['content-type']).toBe('text/html; charset=UTF-8');
      expect(response.text).toBe(
        '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n' +
          `  <h1>404 Not Found</h1>\n  ${explanation}<br /><br />\n\n\n\n </body>\n</html>`,
      );
    },
  );

  it('prefers JSON when HTML ranks lower', async () => {
    const response = await deleteMissing('text/html;q=0.5,application/json');

    expect(response.headers['content-type']).toBe('application/json');
  });

  it('escapes the explanation in HTML only', async () => {
    const stem = uniqueName('missing');
    const name = `${stem}<b>`;

    const html = await api.delete(paths.namespace(name), { accept: 'text/html' });
    const json = await api.delete(paths.namespace(name), { accept: 'application/json' });

    expect(html.text).toContain(`  Namespace ${stem}&lt;b&gt; not found<br /><br />`);
    expect(json.json.message).toBe(`Namespace ${name} not found<br /><br />\n\n\n`);
  });

  it('formats 405 specially', async () => {
    const json = await call('PATCH', paths.namespaces, { accept: 'application/json' });
    const text = await call('PATCH', paths.namespaces, { accept: null });

    expect(json.status).toBe(405);
    expect(JSON.parse(json.text)).toEqual({
      message: 'The method PATCH is not allowed for this resource. <br /><br />\n',
      code: '405 Method Not Allowed',
      title: 'Method Not Allowed',
    });
    expect(text.text).toBe(
      '405 Method Not Allowed\n\nThe method PATCH is not allowed for this resource. \n\n ',
    );
  });

  it('keeps JSON error for Accept-Language', async () => {
    const response = await api.delete(paths.namespace(missing), {
      headers: { 'Accept-Language': 'de;q=bogus,,*' },
    });

    expectError(response, 404, explanation);
  });
});

describe('routing', () => {
  const namespaces = useNamespaces();

  it.each([
    '/v2/metadefs/unknown',
    '/v2/metadefs',
    '/v2/metadefs/namespaces/x/y/z/w',
    '/v2/metadefs/namespaces/',
    '/v2/schemas/metadefs/namespace/',
  ])('returns 404 for %s', async (path) => {
    const response = await api.get(path);

    expectError(response, 404, 'The resource could not be found.');
  });

  it('returns 404 for trailing slash on existing namespace', async () => {
    const { name } = await namespaces.create();

    const response = await api.get(`${paths.namespace(name)}/`);

    expectError(response, 404, 'The resource could not be found.');
  });

  it('returns 501 for unknown method on unknown path', async () => {
    const response = await call('OPTIONS', '/v2/metadefs/unknown');

    expect(response.status).toBe(501);
  });

  const allowed: Array<[string, string]> = [
    ...[
      'namespace',
      'namespaces',
      'object',
      'objects',
      'property',
      'properties',
      'tag',
      'tags',
      'resource_type',
      'resource_types',
    ].map((kind): [string, string] => [paths.schema(kind), 'GET']),
    [paths.resourceTypes, 'GET'],
    [paths.namespaces, 'GET, POST'],
    ['/v2/metadefs/namespaces/ns', 'GET, PUT, DELETE'],
    ['/v2/metadefs/namespaces/ns/objects', 'GET, POST, DELETE'],
    ['/v2/metadefs/namespaces/ns/objects/o', 'GET, PUT, DELETE'],
    ['/v2/metadefs/namespaces/ns/properties', 'GET, POST, DELETE'],
    ['/v2/metadefs/namespaces/ns/properties/p', 'GET, PUT, DELETE'],
    ['/v2/metadefs/namespaces/ns/tags', 'GET, POST, DELETE'],
    ['/v2/metadefs/namespaces/ns/tags/t', 'GET, POST, PUT, DELETE'],
    ['/v2/metadefs/namespaces/ns/resource_types', 'GET, POST'],
    ['/v2/metadefs/namespaces/ns/resource_types/rt', 'DELETE'],
  ];

  describe.each(allowed)('%s', (path, allow) => {
    const disallowed = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].find(
      (method) => !allow.split(', ').includes(method),
    ) as string;

    it(`returns 405 for ${disallowed}`, async () => {
      const response = await call(disallowed, path);

      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe(allow);
      expect(response.json).toEqual({
        message: `The method ${disallowed} is not allowed for this resource. <br /><br />\n`,
        code: '405 Method Not Allowed',
        title: 'Method Not Allowed',
      });
    });

    it('returns 405 for HEAD', async () => {
      const response = await call('HEAD', path);

      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe(allow);
    });
  });

  it('answers 401 before routing', async () => {
    const unknown = await api.get('/v2/metadefs/unknown', { as: anonymous });
    const wrongMethod = await call('PATCH', paths.namespaces, { as: anonymous });

    expect(unknown.status).toBe(401);
    expect(wrongMethod.status).toBe(401);
  });
});

describe('authentication', () => {
  const routes: Array<[string, string]> = [
    ['GET', paths.namespaces],
    ['POST', paths.namespaces],
    ['GET', paths.namespace('ns')],
    ['PUT', paths.namespace('ns')],
    ['DELETE', paths.namespace('ns')],
    ['GET', paths.objects('ns')],
    ['POST', paths.objects('ns')],
    ['DELETE', paths.objects('ns')],
    ['GET', paths.object('ns', 'o')],
    ['PUT', paths.object('ns', 'o')],
    ['DELETE', paths.object('ns', 'o')],
    ['GET', paths.properties('ns')],
    ['POST', paths.properties('ns')],
    ['DELETE', paths.properties('ns')],
    ['GET', paths.property('ns', 'p')],
    ['PUT', paths.property('ns', 'p')],
    ['DELETE', paths.property('ns', 'p')],
    ['GET', paths.tags('ns')],
    ['POST', paths.tags('ns')],
    ['DELETE', paths.tags('ns')],
    ['POST', paths.tag('ns', 't')],
    ['GET', paths.tag('ns', 't')],
    ['PUT', paths.tag('ns', 't')],
    ['DELETE', paths.tag('ns', 't')],
    ['GET', paths.resourceTypes],
    ['GET', paths.associations('ns')],
    ['POST', paths.associations('ns')],
    ['DELETE', paths.association('ns', 'rt')],
    ['GET', paths.schema('namespace')],
  ];

  it.each(routes)('returns 401 for anonymous %s %s', async (method, path) => {
    const response = await call(method, path, { as: anonymous, json: {} });

    expectError(response, 401, unauthorizedExplanation);
    expect(response.headers['x-openstack-request-id']).toBeUndefined();
  });

  it('returns 401 for unconfirmed identity', async () => {
    const response = await api.get(paths.namespaces, {
      headers: { 'X-Identity-Status': 'Invalid' },
    });

    expectError(response, 401, unauthorizedExplanation);
  });
});

describe('x-openstack-request-id', () => {
  it('generates req-uuid on success', async () => {
    const response = await api.get(paths.resourceTypes);

    expect(response.status).toBe(200);
    expect(response.headers['x-openstack-request-id']).toMatch(requestIdPattern);
  });

  it('generates distinct ids', async () => {
    const first = await api.get(paths.resourceTypes);
    const second = await api.get(paths.resourceTypes);

    expect(first.headers['x-openstack-request-id']).not.toBe(
      second.headers['x-openstack-request-id'],
    );
  });

  it.each([
    ['404', () => api.get('/v2/metadefs/unknown')],
    ['405', () => call('PATCH', paths.namespaces)],
    ['400', () => api.get(`${paths.namespaces}?sort_dir=up`)],
  ])('is set on %s errors', async (_status, send) => {
    const response = await send();

    expect(response.headers['x-openstack-request-id']).toMatch(requestIdPattern);
  });

  it('prefixes a supplied id', async () => {
    const response = await api.get(paths.resourceTypes, {
      headers: { 'X-Openstack-Request-ID': 'my-trace-1' },
    });

    expect(response.headers['x-openstack-request-id']).toBe('req-my-trace-1');
  });

  it('keeps a supplied req- prefix', async () => {
    const response = await api.get(paths.resourceTypes, {
      headers: { 'X-Openstack-Request-ID': 'req-abc' },
    });

    expect(response.headers['x-openstack-request-id']).toBe('req-abc');
  });

  it('accepts 64 characters', async () => {
    const id = 'a'.repeat(64);

    const response = await api.get(paths.resourceTypes, {
      headers: { 'X-Openstack-Request-ID': id },
    });

    expect(response.status).toBe(200);
    expect(response.headers['x-openstack-request-id']).toBe(`req-${id}`);
  });

  it('rejects 65 characters', async () => {
    const response = await api.get(paths.resourceTypes, {
      headers: { 'X-Openstack-Request-ID': 'a'.repeat(65) },
    });

    expect(response.status).toBe(
      expectedFor(
        { glance: 500, catalog: 431 },
        'Glance returns its 431 error object instead of raising it and then fails',
      ),
    );
    if (target.isCatalog) {
      expectError(response, 431, 'x-openstack-request-id is too long, max size 64');
    }
  });
});

describe('request size', () => {
  const namespaces = useNamespaces();

  it('rejects bodies over 1 MiB', async () => {
    const name = uniqueName('large');
    namespaces.track(name);
    // Valid JSON padded with whitespace: only the size is wrong.
    const body = `{"namespace": "${name}"${' '.repeat(2 * 1024 * 1024)}}`;

    const response = await api.post(paths.namespaces, { body, as: admin });

    expect(response.status).toBe(
      expectedFor({ glance: 201, catalog: 413 }, 'Glance has no request size limit'),
    );
    if (target.isCatalog) {
      expect(response.json.code).toBe(`413 ${reasonPhrases[413]}`);
      expect(response.json.title).toBe(reasonPhrases[413]);
    }
  });
});
