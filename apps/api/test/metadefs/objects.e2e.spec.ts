import { api, paths } from '../support/api';
import { expectError, expectSchemaError } from '../support/errors';
import { timestampPattern, uniqueName, useNamespaces } from '../support/fixtures';
import { readerA, readerB } from '../support/identities';
import { expectedFor, target } from '../support/target';

describe('/v2/metadefs/namespaces/{namespace}/objects', () => {
  const namespaces = useNamespaces();

  async function createObject(namespace: string, body: Record<string, unknown>) {
    const response = await api.post(paths.objects(namespace), { json: body });
    if (response.status !== 201) {
      throw new Error(`Creating object failed: ${response.status} ${response.text}`);
    }
    return response;
  }

  describe('POST', () => {
    it('returns 201 with supplied fields', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: {
          name: 'Limits',
          description: 'CPU limits',
          required: ['quota'],
          properties: {
            quota: { title: 'Quota', type: 'integer', minimum: -2.9, default: 100 },
            period: { title: 'Period', type: 'number', maxLength: 1.0 },
          },
        },
      });

      expect(response.status).toBe(201);
      expect(response.headers.location).toBeUndefined();
      expect(response.json).toEqual({
        name: 'Limits',
        description: 'CPU limits',
        required: ['quota'],
        properties: {
          quota: { title: 'Quota', type: 'integer', minimum: -2, default: '100' },
          period: { title: 'Period', type: 'number', maxLength: 1 },
        },
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
        self: `/v2/metadefs/namespaces/${ns}/objects/Limits`,
        schema: '/v2/schemas/metadefs/object',
      });
    });

    it('omits required and properties not supplied', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), { json: { name: 'Bare' } });

      expect(response.status).toBe(201);
      expect(response.json).not.toHaveProperty('required');
      expect(response.json).not.toHaveProperty('properties');
      expect(response.json).not.toHaveProperty('description');
    });

    it('echoes empty required and properties', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: { name: 'Empty', required: [], properties: {} },
      });

      expect(response.status).toBe(201);
      expect(response.json.required).toEqual([]);
      expect(response.json.properties).toEqual({});
    });

    it('rejects duplicate name', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Twice' });

      const response = await api.post(paths.objects(ns), { json: { name: 'Twice' } });

      expectError(
        response,
        409,
        `A metadata definition object with name=Twice already exists in namespace=${ns}.`,
      );
    });

    it('rejects confidential in property', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: {
          name: 'Secret',
          properties: { key: { title: 'Key', type: 'string', confidential: true } },
        },
      });

      // Each property of a new object is also checked against the standalone property schema.
      expectSchemaError(response, 'property');
    });

    it('rejects unknown key in property', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: { name: 'Odd', properties: { key: { title: 'Key', type: 'string', bogus: 1 } } },
      });

      expectSchemaError(response, 'property');
    });

    it('rejects property without type', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: { name: 'Odd', properties: { key: { title: 'Key' } } },
      });

      expectSchemaError(response, 'object');
    });

    it('rejects repeated required names', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: { name: 'Odd', required: ['a', 'a'] },
      });

      expectSchemaError(response, 'object');
    });

    it('rejects name longer than 80', async () => {
      const { name: ns } = await namespaces.create();

      const tooLong = await api.post(paths.objects(ns), { json: { name: 'o'.repeat(81) } });
      const longest = await api.post(paths.objects(ns), { json: { name: 'o'.repeat(80) } });

      expectSchemaError(tooLong, 'object');
      expect(longest.status).toBe(201);
    });

    it('rejects 4-byte character in name', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), { json: { name: 'smile \u{1F600}' } });

      expectError(
        response,
        400,
        "Couldn't create metadata object: Name can't contain 4 byte unicode characters.",
      );
    });

    it('rejects non-string enum items', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: {
          name: 'Numbers',
          properties: { level: { title: 'Level', type: 'integer', enum: [1, 2] } },
        },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 400 },
          'Glance accepts only string enum items in its model',
        ),
      );
    });

    it('handles non-ASCII default', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.objects(ns), {
        json: {
          name: 'Greeting',
          properties: { word: { title: 'Word', type: 'string', default: 'grüß' } },
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
      }
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.post(paths.objects(ns), { json: { name: 'Thing' } });

      expectError(response, 404, `Metadata definition namespace=${ns} was not found.`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name: ns } = await namespaces.create({ owner: readerB.project });

      const response = await api.post(paths.objects(ns), {
        as: readerA,
        json: { name: 'Thing' },
      });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });

      const response = await api.post(paths.objects(ns), {
        as: readerA,
        json: { name: 'Thing' },
      });

      expectError(response, 403, 'You are not authorized to complete add_metadef_object action.');
    });
  });

  describe('GET list', () => {
    it('returns all objects without paging', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Alpha', description: 'first letter' });
      await createObject(ns, { name: 'Zeta' });

      const response = await api.get(`${paths.objects(ns)}?limit=1&sort_key=name&sort_dir=desc`);

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        objects: [
          {
            name: 'Alpha',
            description: 'first letter',
            required: [],
            properties: {},
            created_at: expect.stringMatching(timestampPattern),
            updated_at: expect.stringMatching(timestampPattern),
            self: `/v2/metadefs/namespaces/${ns}/objects/Alpha`,
            schema: '/v2/schemas/metadefs/object',
          },
          {
            name: 'Zeta',
            required: [],
            properties: {},
            created_at: expect.stringMatching(timestampPattern),
            updated_at: expect.stringMatching(timestampPattern),
            self: `/v2/metadefs/namespaces/${ns}/objects/Zeta`,
            schema: '/v2/schemas/metadefs/object',
          },
        ],
        schema: 'v2/schemas/metadefs/objects',
      });
    });

    it('orders objects by name', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Zeta' });
      await createObject(ns, { name: 'Alpha' });
      await createObject(ns, { name: 'Mid' });

      const listed = await api.get(paths.objects(ns));
      const detail = await api.get(paths.namespace(ns));

      // NOTE: Glance 25 on SQLite sends no ORDER BY, and SQLite walks the unique
      // (namespace, name) index, so objects come in name order, not insertion order.
      expect(listed.json.objects.map((item: any) => item.name)).toEqual(['Alpha', 'Mid', 'Zeta']);
      expect(detail.json.objects.map((item: any) => item.name)).toEqual(['Alpha', 'Mid', 'Zeta']);
    });

    it('returns empty list', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(paths.objects(ns));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({ objects: [], schema: 'v2/schemas/metadefs/objects' });
    });

    it('accepts visibility shared', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(`${paths.objects(ns)}?visibility=shared&marker=none`);

      expect(response.status).toBe(200);
    });

    it.each([
      ['limit=0', 'limit param must be positive'],
      ['limit=-1', 'limit param must be positive'],
      ['limit=abc', 'limit param must be an integer'],
      ['sort_dir=up', 'Invalid sort direction: up'],
      ['visibility=all', 'Invalid visibility value: all'],
      ['limit=0&visibility=all', 'Invalid visibility value: all'],
      ['visibility=all&sort_dir=up', 'Invalid sort direction: up'],
    ])('rejects %s', async (query, message) => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(`${paths.objects(ns)}?${query}`);

      expectError(response, 400, message);
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.get(paths.objects(ns));

      expectError(response, 404, `Metadata definition namespace=${ns} was not found.`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name: ns } = await namespaces.create({ owner: readerB.project });

      const response = await api.get(paths.objects(ns), { as: readerA });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('lets reader list public namespace', async () => {
      const { name: ns } = await namespaces.create({
        visibility: 'public',
        owner: readerB.project,
      });
      await createObject(ns, { name: 'Visible' });

      const response = await api.get(paths.objects(ns), { as: readerA });

      expect(response.status).toBe(200);
      expect(response.json.objects.map((item: any) => item.name)).toEqual(['Visible']);
    });
  });

  describe('GET one', () => {
    it('returns the object', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, {
        name: 'Thing',
        required: ['size'],
        properties: { size: { title: 'Size', type: 'integer' } },
      });

      const response = await api.get(paths.object(ns, 'Thing'));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        name: 'Thing',
        required: ['size'],
        properties: { size: { title: 'Size', type: 'integer' } },
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
        self: `/v2/metadefs/namespaces/${ns}/objects/Thing`,
        schema: '/v2/schemas/metadefs/object',
      });
    });

    it('reaches names with spaces and colons', async () => {
      const { name: ns } = await namespaces.create({ namespace: `${uniqueName('ns')}::Odd` });
      await createObject(ns, { name: 'CPU Limits' });

      const response = await api.get(paths.object(ns, 'CPU Limits'));

      expect(response.status).toBe(200);
      expect(response.json.self).toBe(`/v2/metadefs/namespaces/${ns}/objects/CPU Limits`);
    });

    it('keeps a required name with a comma', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Comma', required: ['a,b'] });

      const response = await api.get(paths.object(ns, 'Comma'));

      expect(response.json.required).toEqual(
        expectedFor(
          { glance: ['a', 'b'], catalog: ['a,b'] },
          'Glance stores required names comma-joined; the catalog stores a list',
        ),
      );
    });

    it('returns 404 for missing object', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(paths.object(ns, 'Nothing'));

      expectError(response, 404, 'Could not find metadata object Nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.get(paths.object(ns, 'Thing'));

      expectError(response, 404, `Metadata definition namespace=${ns} was not found.`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name: ns } = await namespaces.create({ owner: readerB.project });
      await createObject(ns, { name: 'Thing' });

      const response = await api.get(paths.object(ns, 'Thing'), { as: readerA });

      expectError(response, 404, `Namespace ${ns} not found`);
    });
  });

  describe('PUT', () => {
    it('replaces and renames', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, {
        name: 'Before',
        description: 'old',
        required: ['a'],
        properties: { a: { title: 'A', type: 'string' } },
      });

      const response = await api.put(paths.object(ns, 'Before'), {
        json: { name: 'After', properties: { b: { title: 'B', type: 'boolean', default: false } } },
      });
      const old = await api.get(paths.object(ns, 'Before'));
      const renamed = await api.get(paths.object(ns, 'After'));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        name: 'After',
        properties: { b: { title: 'B', type: 'boolean', default: 'False' } },
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
        self: `/v2/metadefs/namespaces/${ns}/objects/After`,
        schema: '/v2/schemas/metadefs/object',
      });
      expectError(old, 404, 'Could not find metadata object Before');
      expect(renamed.json).toMatchObject({
        name: 'After',
        required: [],
        properties: { b: { title: 'B', type: 'boolean', default: 'False' } },
      });
      expect(renamed.json).not.toHaveProperty('description');
    });

    it('returns the new updated_at', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Thing' });
      // Glance's create response can show a second earlier than the row it stored.
      const created = await api.get(paths.object(ns, 'Thing'));
      await new Promise((resolve) => setTimeout(resolve, 1100));

      const response = await api.put(paths.object(ns, 'Thing'), {
        json: { name: 'Thing', description: 'changed' },
      });
      const shown = await api.get(paths.object(ns, 'Thing'));

      expect(shown.json.updated_at).not.toBe(created.json.updated_at);
      expect(response.json.updated_at).toBe(
        expectedFor(
          { glance: created.json.updated_at, catalog: shown.json.updated_at },
          'Glance answers with the object as loaded before the write',
        ),
      );
    });

    it('accepts confidential in property', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Thing' });

      const response = await api.put(paths.object(ns, 'Thing'), {
        json: {
          name: 'Thing',
          properties: { key: { title: 'Key', type: 'string', confidential: true } },
        },
      });

      expect(response.status).toBe(200);
      expect(response.json.properties.key.confidential).toBe(true);
    });

    it('rejects unknown key in property', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Thing' });

      const response = await api.put(paths.object(ns, 'Thing'), {
        json: { name: 'Thing', properties: { key: { title: 'Key', type: 'string', bogus: 1 } } },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 400 },
          'Glance fails converting an unknown property key that its schema let through',
        ),
      );
      if (target.isCatalog) {
        expectSchemaError(response, 'object');
      }
    });

    it('rejects rename onto existing name', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'One' });
      await createObject(ns, { name: 'Two' });

      const response = await api.put(paths.object(ns, 'One'), { json: { name: 'Two' } });

      expectError(
        response,
        409,
        // Glance names the object being renamed here, not the name it collides with.
        'Invalid update. It would result in a duplicate metadata definition object with the ' +
          `same name=One in namespace=${ns}.`,
      );
    });

    it('rejects 4-byte character', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Thing' });

      const response = await api.put(paths.object(ns, 'Thing'), {
        json: { name: 'Thing', description: 'smile \u{1F600}' },
      });

      expectError(
        response,
        400,
        "Couldn't update metadata object: Description can't contain 4 byte unicode characters.",
      );
    });

    it('rejects body without name', async () => {
      const { name: ns } = await namespaces.create();
      await createObject(ns, { name: 'Thing' });

      const response = await api.put(paths.object(ns, 'Thing'), { json: { description: 'x' } });

      expectSchemaError(response, 'object');
    });

    it('returns 404 for missing object', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.put(paths.object(ns, 'Nothing'), { json: { name: 'Nothing' } });

      expectError(response, 404, 'Could not find metadata object Nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.put(paths.object(ns, 'Thing'), { json: { name: 'Thing' } });

      expectError(response, 404, `Metadata definition namespace=${ns} was not found.`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });
      await createObject(ns, { name: 'Thing' });

      const response = await api.put(paths.object(ns, 'Thing'), {
        as: readerA,
        json: { name: 'Thing' },
      });

      expectError(
        response,
        403,
        'You are not authorized to complete modify_metadef_object action.',
      );
    });
  });

  describe('DELETE one', () => {
    it('deletes the object only', async () => {
      const { name: ns } = await namespaces.create({
        properties: { size: { title: 'Size', type: 'integer' } },
      });
      await createObject(ns, { name: 'Gone' });
      await createObject(ns, { name: 'Kept' });

      const response = await api.delete(paths.object(ns, 'Gone'));
      const listed = await api.get(paths.objects(ns));
      const properties = await api.get(paths.properties(ns));

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(listed.json.objects.map((item: any) => item.name)).toEqual(['Kept']);
      expect(Object.keys(properties.json.properties)).toEqual(['size']);
    });

    it('returns 404 for missing object', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.delete(paths.object(ns, 'Nothing'));

      expectError(response, 404, 'Could not find metadata object Nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.delete(paths.object(ns, 'Thing'));

      expectError(response, 404, `Metadata definition namespace=${ns} was not found.`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });
      await createObject(ns, { name: 'Thing' });

      const response = await api.delete(paths.object(ns, 'Thing'), { as: readerA });

      expectError(
        response,
        403,
        'You are not authorized to complete delete_metadef_object action.',
      );
    });
  });
});
