import { api, call, paths } from '../support/api';
import { expectError, expectSchemaError } from '../support/errors';
import { NamespaceFixtures, uniqueName, uniqueResourceType } from '../support/fixtures';
import { expectedFor, target } from '../support/target';

/** A route that reads a JSON body, with a valid body and the keys it treats as read-only. */
interface BodyRoute {
  label: string;
  method: 'POST' | 'PUT';
  path: (ns: string) => string;
  validBody: () => Record<string, unknown>;
  schema: string;
  readOnly: string[];
  /** Top-level keys that are read-only elsewhere but unknown (schema error) here. */
  unknownHere: string[];
}

const bodyRoutes: BodyRoute[] = [
  {
    label: 'POST namespaces',
    method: 'POST',
    path: () => paths.namespaces,
    validBody: () => ({ namespace: uniqueName('ns') }),
    schema: 'namespace',
    readOnly: ['self', 'schema', 'created_at', 'updated_at'],
    unknownHere: [],
  },
  {
    label: 'PUT namespace',
    method: 'PUT',
    path: (ns) => paths.namespace(ns),
    validBody: () => ({ namespace: 'unused' }),
    schema: 'namespace',
    readOnly: ['self', 'schema', 'created_at', 'updated_at'],
    unknownHere: [],
  },
  {
    label: 'POST objects',
    method: 'POST',
    path: (ns) => paths.objects(ns),
    validBody: () => ({ name: uniqueName('object') }),
    schema: 'object',
    readOnly: ['self', 'schema', 'created_at', 'updated_at'],
    unknownHere: [],
  },
  {
    label: 'PUT object',
    method: 'PUT',
    path: (ns) => paths.object(ns, 'Thing'),
    validBody: () => ({ name: 'Thing' }),
    schema: 'object',
    readOnly: ['self', 'schema', 'created_at', 'updated_at'],
    unknownHere: [],
  },
  {
    label: 'POST properties',
    method: 'POST',
    path: (ns) => paths.properties(ns),
    validBody: () => ({ name: uniqueName('property'), title: 'T', type: 'string' }),
    schema: 'property',
    readOnly: ['created_at', 'updated_at'],
    unknownHere: ['self', 'schema'],
  },
  {
    label: 'PUT property',
    method: 'PUT',
    path: (ns) => paths.property(ns, 'size'),
    validBody: () => ({ name: 'size', title: 'Size', type: 'integer' }),
    schema: 'property',
    readOnly: ['created_at', 'updated_at'],
    unknownHere: ['self', 'schema'],
  },
  {
    label: 'POST tags',
    method: 'POST',
    path: (ns) => paths.tags(ns),
    validBody: () => ({ tags: [] }),
    schema: 'tags',
    readOnly: ['created_at', 'updated_at'],
    unknownHere: ['self', 'schema'],
  },
  {
    label: 'PUT tag',
    method: 'PUT',
    path: (ns) => paths.tag(ns, 'tag'),
    validBody: () => ({ name: 'tag' }),
    schema: 'tag',
    readOnly: ['created_at', 'updated_at'],
    unknownHere: ['self', 'schema'],
  },
  {
    label: 'POST resource_types',
    method: 'POST',
    path: (ns) => paths.associations(ns),
    validBody: () => ({ name: uniqueResourceType() }),
    schema: 'resource_type_association',
    readOnly: ['created_at', 'updated_at'],
    unknownHere: ['self', 'schema'],
  },
];

describe('request bodies', () => {
  const fixtures = new NamespaceFixtures();
  // Namespace with one child of each kind, shared by the tests whose requests all fail.
  // Tests that write successfully create their own namespaces.
  const shared = { ns: '' };

  beforeAll(async () => {
    const { name } = await fixtures.create({
      properties: { size: { title: 'Size', type: 'integer' } },
      objects: [{ name: 'Thing' }],
      tags: [{ name: 'tag' }],
    });
    shared.ns = name;
  });

  afterAll(() => fixtures.cleanup());

  describe.each(bodyRoutes)('$label', (route) => {
    function send(options: Parameters<typeof call>[2]) {
      return call(route.method, route.path(shared.ns), options);
    }

    it('rejects a missing body', async () => {
      const response = await send({});

      expectError(response, 400, 'Body expected in request.');
    });

    it('rejects malformed JSON', async () => {
      const response = await send({ body: '{"name": ' });

      expectError(response, 400, 'Malformed JSON in request body.');
    });

    it('rejects invalid UTF-8', async () => {
      const response = await send({ body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });

      expectError(response, 400, 'Malformed JSON in request body.');
    });

    it('treats empty chunked body as present', async () => {
      const response = await send({ chunks: [] });

      expectError(response, 400, 'Malformed JSON in request body.');
    });

    it.each(['"text"', '12', 'null', 'true'])('rejects scalar body %s', async (body) => {
      const response = await send({ body });

      expectError(response, 400, 'Unexpected body type. Expected list/dict.');
    });

    it('rejects empty array body', async () => {
      const response = await send({ body: '[]' });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 400 },
          'Glance lets an array body through its type check and fails later',
        ),
      );
      if (target.isCatalog) {
        expectError(response, 400, 'Unexpected body type. Expected list/dict.');
      }
    });

    it('rejects array of key names', async () => {
      const response = await send({ body: '["created_at"]' });

      expect(response.status).toBe(
        expectedFor(
          { glance: 403, catalog: 400 },
          'Glance reads an array body as a list of keys and reports a read-only attribute',
        ),
      );
      if (target.isCatalog) {
        expectError(response, 400, 'Unexpected body type. Expected list/dict.');
      }
    });

    it.each(route.readOnly)('rejects read-only %s', async (key) => {
      const response = await send({ json: { ...route.validBody(), [key]: 'x' } });

      expectError(response, 403, `Attribute '${key}' is read-only.`);
    });

    if (route.unknownHere.length > 0) {
      it.each(route.unknownHere)('rejects %s as unknown key', async (key) => {
        const response = await send({ json: { ...route.validBody(), [key]: 'x' } });

        expectSchemaError(response, route.schema);
      });
    }

    it('rejects unknown top-level key', async () => {
      const response = await send({ json: { ...route.validBody(), bogus: true } });

      expectSchemaError(response, route.schema);
    });

    it('rejects wrong-typed field', async () => {
      const body = route.validBody();
      const key = Object.keys(body)[0];

      const response = await send({ json: { ...body, [key]: 42 } });

      expectSchemaError(response, route.schema);
    });
  });

  describe('content type', () => {
    const namespaces = new NamespaceFixtures();
    afterEach(() => namespaces.cleanup());

    it.each(['text/plain', 'application/x-www-form-urlencoded', null])(
      'parses JSON sent as %p',
      async (contentType) => {
        const name = uniqueName('ns');
        namespaces.track(name);
        const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};

        const response = await api.post(paths.namespaces, {
          body: JSON.stringify({ namespace: name }),
          headers,
        });

        expect(response.status).toBe(201);
      },
    );

    it('accepts a chunked body', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        chunks: ['{"namespace": ', `"${name}"}`],
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 400, catalog: 201 },
          'uwsgi, which hosts the reference Glance, does not de-chunk request bodies, ' +
            'so Glance parses an empty body',
        ),
      );
    });
  });

  describe('names', () => {
    const namespaces = new NamespaceFixtures();
    afterEach(() => namespaces.cleanup());

    it('accepts 80-character namespace name', async () => {
      const name = uniqueName('ns').padEnd(80, 'n');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      expect(response.status).toBe(201);
    });

    it('rejects 81-character namespace name', async () => {
      const name = uniqueName('ns').padEnd(81, 'n');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      expectSchemaError(response, 'namespace');
    });

    it.each([
      ['display_name', 81],
      ['description', 501],
      ['owner', 256],
    ])('rejects long %s', async (field, length) => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, [field]: 'x'.repeat(length) },
      });

      expectSchemaError(response, 'namespace');
    });

    it.each([
      ['display_name', 80],
      ['description', 500],
      ['owner', 255],
    ])('accepts %s of maximum length', async (field, length) => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, [field]: 'x'.repeat(length) },
      });

      expect(response.status).toBe(201);
    });

    it('handles namespace name with slash', async () => {
      // NOTE: Glance stores this namespace and no URL can reach it afterwards, so every run
      // against Glance leaves one such namespace behind.
      const name = `${uniqueName('ns')}/part`;

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      expect(response.status).toBe(
        expectedFor(
          { glance: 201, catalog: 400 },
          'Glance accepts names that no URL can address; the catalog rejects them',
        ),
      );
      if (target.isCatalog) {
        expectSchemaError(response, 'namespace');
      }
    });

    it('handles empty namespace name', async () => {
      const response = await api.post(paths.namespaces, { json: { namespace: '' } });

      if (target.isGlance) {
        // Glance stores the empty name, which no URL can delete, so a later run against the
        // same Glance gets the duplicate error instead.
        expect([201, 409]).toContain(response.status);
      } else {
        expectSchemaError(response, 'namespace');
      }
    });

    it.each([
      ['object', (ns: string, name: string) => api.post(paths.objects(ns), { json: { name } })],
      [
        'property',
        (ns: string, name: string) =>
          api.post(paths.properties(ns), { json: { name, title: 'T', type: 'string' } }),
      ],
    ])('handles %s names that no URL can address', async (kind, create) => {
      const { name: ns } = await namespaces.create();

      const empty = await create(ns, '');
      const slashed = await create(ns, 'a/b');

      const expected = expectedFor(
        { glance: 201, catalog: 400 },
        'Glance accepts names that no URL can address; the catalog rejects them',
      );
      expect(empty.status).toBe(expected);
      expect(slashed.status).toBe(expected);
      if (target.isCatalog) {
        expectSchemaError(empty, kind);
        expectSchemaError(slashed, kind);
      }
    });
  });

  describe('routes without body', () => {
    const noBodyRoutes: Array<[string, string, (ns: string) => string]> = [
      ['GET', 'namespace', (ns) => paths.namespace(ns)],
      ['DELETE', 'namespace', (ns) => paths.namespace(ns)],
      ['GET', 'object', (ns) => paths.object(ns, 'Thing')],
      ['DELETE', 'object', (ns) => paths.object(ns, 'Thing')],
      ['GET', 'properties', (ns) => paths.properties(ns)],
      ['POST', 'tag', (ns) => paths.tag(ns, 'fresh')],
      ['GET', 'tag', (ns) => paths.tag(ns, 'tag')],
      ['DELETE', 'tag', (ns) => paths.tag(ns, 'tag')],
      ['GET', 'resource_types', () => paths.resourceTypes],
      ['GET', 'associations', (ns) => paths.associations(ns)],
      ['DELETE', 'association', (ns) => paths.association(ns, 'OS::Glance::Image')],
    ];

    it.each(noBodyRoutes)('rejects body on %s %s', async (method, _label, path) => {
      const response = await call(method, path(shared.ns), { json: { any: 'thing' } });

      expectError(response, 400, 'A body is not expected with this request.');
    });

    it('checks body before the namespace', async () => {
      const response = await api.get(paths.namespace(uniqueName('missing')), { body: '{}' });

      expectError(response, 400, 'A body is not expected with this request.');
    });

    it('rejects chunked body on POST tag', async () => {
      const response = await api.post(paths.tag(shared.ns, 'chunked'), { chunks: ['{}'] });

      expectError(response, 400, 'A body is not expected with this request.');
    });

    it.each([
      ['namespace list', () => paths.namespaces],
      ['object list', (ns: string) => paths.objects(ns)],
      ['tag list', (ns: string) => paths.tags(ns)],
    ])('ignores body on GET %s', async (_label, path) => {
      const response = await api.get(path(shared.ns), { json: { ignored: true } });

      expect(response.status).toBe(200);
    });
  });
});
