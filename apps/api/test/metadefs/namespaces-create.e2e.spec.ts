import { api, paths } from '../support/api';
import { expectError, expectSchemaError } from '../support/errors';
import {
  timestampPattern,
  uniqueName,
  uniqueResourceType,
  useNamespaces,
} from '../support/fixtures';
import { admin, memberOnlyA, readerA } from '../support/identities';
import { expectedFor, target } from '../support/target';

describe('POST /v2/metadefs/namespaces', () => {
  const namespaces = useNamespaces();

  describe('when the body is minimal', () => {
    it('returns 201 with defaults', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      expect(response.status).toBe(201);
      expect(response.json).toEqual({
        namespace: name,
        visibility: 'private',
        protected: false,
        owner: admin.project,
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
        self: `/v2/metadefs/namespaces/${name}`,
        schema: '/v2/schemas/metadefs/namespace',
      });
      expect(response.json.updated_at).toBe(response.json.created_at);
    });

    it('returns absolute Location', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      const base = target.baseUrl;
      expect(response.headers.location).toBe(`http://${base.host}/v2/metadefs/namespaces/${name}`);
    });

    it('inserts the raw name into links', async () => {
      const name = `${uniqueName('ns')}::Raw Name`;
      namespaces.track(name);

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      expect(response.status).toBe(201);
      expect(response.json.self).toBe(`/v2/metadefs/namespaces/${name}`);
    });

    it('stores the created namespace', async () => {
      const { name, response: created } = await namespaces.create({ display_name: 'Shown' });

      const shown = await api.get(paths.namespace(name));

      expect(shown.status).toBe(200);
      expect(shown.json).toEqual(created.json);
    });
  });

  describe('when the body has every field', () => {
    it('echoes normalised content', async () => {
      const name = uniqueName('ns');
      const resourceType = uniqueResourceType();
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: {
          namespace: name,
          display_name: 'Display',
          description: 'A namespace with content',
          visibility: 'public',
          protected: true,
          owner: 'another-project',
          resource_type_associations: [
            { name: resourceType, prefix: 'hw_', properties_target: 'image' },
          ],
          properties: {
            cores: { title: 'Cores', type: 'integer', default: 4, minimum: 1.7, maximum: 64 },
          },
          objects: [
            {
              name: 'Limits',
              description: 'limits',
              required: ['max'],
              properties: { max: { title: 'Max', type: 'number', default: true } },
            },
            { name: 'Bare' },
          ],
          tags: [{ name: 'first' }, { name: 'second' }],
        },
      });

      expect(response.status).toBe(201);
      expect(response.json).toEqual({
        namespace: name,
        display_name: 'Display',
        description: 'A namespace with content',
        visibility: 'public',
        protected: true,
        owner: 'another-project',
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
        resource_type_associations: [
          { name: resourceType, prefix: 'hw_', properties_target: 'image' },
        ],
        properties: {
          cores: { title: 'Cores', type: 'integer', default: '4', minimum: 1, maximum: 64 },
        },
        objects: [
          {
            name: 'Limits',
            description: 'limits',
            required: ['max'],
            properties: { max: { title: 'Max', type: 'number', default: 'True' } },
          },
          { name: 'Bare' },
        ],
        tags: [{ name: 'first' }, { name: 'second' }],
        self: `/v2/metadefs/namespaces/${name}`,
        schema: '/v2/schemas/metadefs/namespace',
      });
    });

    it('echoes empty collections', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: {
          namespace: name,
          resource_type_associations: [],
          properties: {},
          objects: [],
          tags: [],
        },
      });

      expect(response.status).toBe(201);
      expect(response.json.resource_type_associations).toEqual([]);
      expect(response.json.properties).toEqual({});
      expect(response.json.objects).toEqual([]);
      expect(response.json.tags).toEqual([]);
    });

    it('stores embedded children', async () => {
      const resourceType = uniqueResourceType();
      const { name } = await namespaces.create({
        resource_type_associations: [{ name: resourceType, prefix: 'x_' }],
        properties: { speed: { title: 'Speed', type: 'string', enum: ['slow', 'fast'] } },
        objects: [{ name: 'Thing', properties: { size: { title: 'Size', type: 'integer' } } }],
        tags: [{ name: 'older' }, { name: 'newer' }],
      });

      const shown = await api.get(paths.namespace(name));

      expect(shown.status).toBe(200);
      expect(shown.json.resource_type_associations).toEqual([
        {
          name: resourceType,
          prefix: 'x_',
          created_at: expect.stringMatching(timestampPattern),
          updated_at: expect.stringMatching(timestampPattern),
        },
      ]);
      expect(shown.json.properties).toEqual({
        speed: { title: 'Speed', type: 'string', enum: ['slow', 'fast'] },
      });
      expect(shown.json.objects).toEqual([
        {
          name: 'Thing',
          required: [],
          properties: { size: { title: 'Size', type: 'integer' } },
          created_at: expect.stringMatching(timestampPattern),
          updated_at: expect.stringMatching(timestampPattern),
          self: `/v2/metadefs/namespaces/${name}/objects/Thing`,
          schema: '/v2/schemas/metadefs/object',
        },
      ]);
      // Tags come newest first. Both share a timestamp, so insertion order breaks the tie.
      expect(shown.json.tags).toEqual([{ name: 'newer' }, { name: 'older' }]);
    });

    it('accepts a namespace detail as body', async () => {
      const { name } = await namespaces.create({
        objects: [{ name: 'Thing' }],
        resource_type_associations: [{ name: uniqueResourceType() }],
        properties: { size: { title: 'Size', type: 'integer' } },
      });
      const detail = (await api.get(paths.namespace(name))).json;
      const copyName = uniqueName('copy');
      namespaces.track(copyName);
      const { self, schema, created_at, updated_at, ...body } = detail;

      const response = await api.post(paths.namespaces, {
        json: { ...body, namespace: copyName },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 201 },
          'Glance fails on a `self` key inside embedded objects and associations, ' +
            'because it clashes with a Python constructor argument; the catalog ignores it',
        ),
      );
      if (target.isCatalog) {
        expect(response.json.objects).toEqual([{ name: 'Thing', required: [], properties: {} }]);
      }
    });

    it('ignores nested timestamps and schema', async () => {
      const name = uniqueName('ns');
      const resourceType = uniqueResourceType();
      namespaces.track(name);
      const stamp = '2020-01-01T00:00:00Z';

      const response = await api.post(paths.namespaces, {
        json: {
          namespace: name,
          objects: [
            {
              name: 'Thing',
              created_at: stamp,
              updated_at: stamp,
              schema: '/v2/schemas/metadefs/object',
            },
          ],
          resource_type_associations: [
            { name: resourceType, created_at: stamp, updated_at: stamp },
          ],
          properties: { size: { title: 'Size', type: 'integer', name: 'size' } },
        },
      });
      const shown = await api.get(paths.namespace(name));

      expect(response.status).toBe(201);
      expect(shown.json.objects[0].created_at).not.toBe(stamp);
      expect(shown.json.resource_type_associations[0].created_at).not.toBe(stamp);
      expect(shown.json.properties).toEqual({
        size: { title: 'Size', type: 'integer', name: 'size' },
      });
    });

    it('accepts confidential in embedded property', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: {
          namespace: name,
          properties: { secret: { title: 'Secret', type: 'string', confidential: true } },
        },
      });

      expect(response.status).toBe(201);
      expect(response.json.properties.secret.confidential).toBe(true);
    });

    it('lets admin set another owner', async () => {
      const { name } = await namespaces.create({ owner: readerA.project });

      const shown = await api.get(paths.namespace(name));

      expect(shown.json.owner).toBe(readerA.project);
    });
  });

  describe('when names collide', () => {
    it('rejects duplicate namespace', async () => {
      const { name } = await namespaces.create();

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      expectError(response, 409, `The metadata definition namespace=${name} already exists.`);
    });

    it('rejects duplicate embedded objects', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, objects: [{ name: 'Same' }, { name: 'Same' }] },
      });

      expectError(
        response,
        409,
        `A metadata definition object with name=Same already exists in namespace=${name}.`,
      );
      expect((await api.get(paths.namespace(name))).status).toBe(404);
    });

    it('rejects duplicate embedded tags', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, tags: [{ name: 'twice' }, { name: 'twice' }] },
      });

      expectError(
        response,
        409,
        `A metadata tag with name=twice already exists in namespace=${name}. ` +
          '(Please note that metadata tag names are case insensitive).',
      );
      expect((await api.get(paths.namespace(name))).status).toBe(404);
    });

    it('rejects duplicate embedded associations', async () => {
      const name = uniqueName('ns');
      const resourceType = uniqueResourceType();
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: {
          namespace: name,
          resource_type_associations: [{ name: resourceType }, { name: resourceType }],
        },
      });

      expectError(
        response,
        409,
        `The metadata definition resource-type association of resource-type=${resourceType} ` +
          `to namespace=${name} already exists.`,
      );
      expect((await api.get(paths.namespace(name))).status).toBe(404);
    });
  });

  describe('when embedded content is invalid', () => {
    it('rejects missing namespace', async () => {
      const response = await api.post(paths.namespaces, { json: { display_name: 'x' } });

      expectSchemaError(response, 'namespace');
    });

    it('rejects unknown top-level key', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, { json: { namespace: name, bogus: 1 } });

      expectSchemaError(response, 'namespace');
    });

    it('rejects invalid visibility', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, visibility: 'shared' },
      });

      expectSchemaError(response, 'namespace');
    });

    it('rejects property without title', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, properties: { size: { type: 'integer' } } },
      });

      expectSchemaError(response, 'namespace');
    });

    it.each([
      ['object without name', { objects: [{ description: 'nameless' }] }],
      ['tag without name', { tags: [{}] }],
      ['association without name', { resource_type_associations: [{ prefix: 'p_' }] }],
      ['unknown key in object', { objects: [{ name: 'o', bogus: 1 }] }],
      ['unknown key in tag', { tags: [{ name: 't', bogus: 1 }] }],
      ['unknown key in property', { properties: { p: { title: 'P', type: 'string', bogus: 1 } } }],
      ['non-string enum item', { properties: { p: { title: 'P', type: 'integer', enum: [1] } } }],
      [
        'items without type',
        { properties: { p: { title: 'P', type: 'array', items: { enum: ['a'] } } } },
      ],
    ])('rejects %s', async (_case, content) => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, ...content },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 400 },
          'Glance fails converting input that its JSON schema let through',
        ),
      );
      if (target.isCatalog) {
        expectSchemaError(response, 'namespace');
        expect((await api.get(paths.namespace(name))).status).toBe(404);
      }
    });

    it('rejects 4-byte character in namespace', async () => {
      const name = `${uniqueName('ns')}-\u{1F600}`;
      namespaces.track(name);

      const response = await api.post(paths.namespaces, { json: { namespace: name } });

      expectError(
        response,
        400,
        "Couldn't create metadata namespace: Namespace can't contain 4 byte unicode characters.",
      );
    });

    it('rejects 4-byte character in description', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: { namespace: name, description: 'smile \u{1F600}' },
      });

      expectError(
        response,
        400,
        "Couldn't create metadata namespace: Description can't contain 4 byte unicode characters.",
      );
    });

    it('creates nothing when embedded content fails', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: {
          namespace: name,
          properties: { smile: { title: 'Smile \u{1F600}', type: 'string' } },
        },
      });
      const shown = await api.get(paths.namespace(name));

      // Glance reports a failing embedded property under the namespace kind.
      expectError(
        response,
        400,
        "Couldn't create metadata namespace: Title can't contain 4 byte unicode characters.",
      );
      expect(shown.status).toBe(
        expectedFor(
          { glance: 200, catalog: 404 },
          'Glance leaves the namespace row behind when an embedded property fails; ' +
            'the catalog creates the whole request atomically',
        ),
      );
    });

    it('handles non-ASCII default', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        json: {
          namespace: name,
          properties: { greeting: { title: 'Greeting', type: 'string', default: 'grüß' } },
        },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 400, catalog: 201 },
          'Glance cannot encode a non-ASCII default; the catalog stores it unchanged',
        ),
      );
      if (target.isGlance) {
        expectError(
          response,
          400,
          'Error decoding your request. Either the URL or the request body contained ' +
            'characters that could not be decoded by Glance',
        );
      } else {
        expect(response.json.properties.greeting.default).toBe('grüß');
      }
    });
  });

  describe('when the caller is not admin', () => {
    it('rejects reader with 403', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        as: readerA,
        json: { namespace: name },
      });

      expectError(
        response,
        403,
        'You are not authorized to complete add_metadef_namespace action.',
      );
    });

    it('hides create from member-only caller', async () => {
      const name = uniqueName('ns');
      namespaces.track(name);

      const response = await api.post(paths.namespaces, {
        as: memberOnlyA,
        json: { namespace: name },
      });

      expectError(response, 404, 'The resource could not be found.');
    });
  });
});
