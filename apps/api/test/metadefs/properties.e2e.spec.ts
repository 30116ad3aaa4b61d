import { api, paths } from '../support/api';
import { expectError, expectSchemaError } from '../support/errors';
import { uniqueName, uniqueResourceType, useNamespaces } from '../support/fixtures';
import { readerA, readerB } from '../support/identities';
import { expectedFor, target } from '../support/target';

describe('/v2/metadefs/namespaces/{namespace}/properties', () => {
  const namespaces = useNamespaces();

  async function createProperty(namespace: string, body: Record<string, unknown>) {
    const response = await api.post(paths.properties(namespace), { json: body });
    if (response.status !== 201) {
      throw new Error(`Creating property failed: ${response.status} ${response.text}`);
    }
    return response;
  }

  /** Posts a property whose definition is given as raw JSON text, to keep float literals. */
  async function postRawDefinition(namespace: string, name: string, definitionJson: string) {
    return api.post(paths.properties(namespace), {
      body: `{"name": "${name}", "title": "T", ${definitionJson}}`,
    });
  }

  describe('POST', () => {
    it('returns 201 standalone form', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.properties(ns), {
        json: {
          name: 'speed',
          title: 'Speed',
          description: 'How fast',
          type: 'string',
          enum: ['slow', 'fast'],
          default: 'slow',
          operators: ['<or>'],
          readonly: false,
          pattern: '^[a-z]+$',
          minLength: 1,
          maxLength: 10,
        },
      });

      expect(response.status).toBe(201);
      expect(response.headers.location).toBeUndefined();
      expect(response.json).toEqual({
        name: 'speed',
        title: 'Speed',
        description: 'How fast',
        type: 'string',
        enum: ['slow', 'fast'],
        default: 'slow',
        operators: ['<or>'],
        readonly: false,
        pattern: '^[a-z]+$',
        minLength: 1,
        maxLength: 10,
      });
    });

    it('stores array items', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.properties(ns), {
        json: {
          name: 'flags',
          title: 'Flags',
          type: 'array',
          items: { type: 'string', enum: ['a', 'b'] },
          uniqueItems: true,
          minItems: 0,
          maxItems: 2,
          additionalItems: false,
        },
      });

      expect(response.status).toBe(201);
      expect(response.json).toEqual({
        name: 'flags',
        title: 'Flags',
        type: 'array',
        items: { type: 'string', enum: ['a', 'b'] },
        uniqueItems: true,
        minItems: 0,
        maxItems: 2,
        additionalItems: false,
      });
    });

    it.each([
      ['integer default', '"type": "integer", "default": 100', { default: '100' }],
      ['float default', '"type": "number", "default": 1.5', { default: '1.5' }],
      ['integral float default', '"type": "number", "default": 1.0', { default: '1.0' }],
      ['large float default', '"type": "number", "default": 1e16', { default: '1e+16' }],
      ['small float default', '"type": "number", "default": 0.00001', { default: '1e-05' }],
      ['true default', '"type": "boolean", "default": true', { default: 'True' }],
      ['false default', '"type": "boolean", "default": false', { default: 'False' }],
      ['null default', '"type": "string", "default": null', { default: null }],
      ['array default', '"type": "array", "default": ["a"]', { default: null }],
      ['object default', '"type": "object", "default": {"a": 1}', { default: null }],
      ['fractional minimum', '"type": "number", "minimum": 0.5', { minimum: 0 }],
      ['negative maximum', '"type": "number", "maximum": -2.9', { maximum: -2 }],
      ['integral float maxLength', '"type": "string", "maxLength": 1.0', { maxLength: 1 }],
      ['integral float minItems', '"type": "array", "minItems": 2.0', { minItems: 2 }],
    ])('normalises %s', async (_case, definitionJson, expected) => {
      const { name: ns } = await namespaces.create();

      const created = await postRawDefinition(ns, 'p', definitionJson);
      const shown = await api.get(paths.property(ns, 'p'));

      expect(created.status).toBe(201);
      expect(created.json).toMatchObject(expected);
      expect(shown.json).toMatchObject(expected);
    });

    it('accepts values that contradict each other', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.properties(ns), {
        json: {
          name: 'odd',
          title: 'Odd',
          type: 'integer',
          default: 'not a number',
          minimum: 10,
          maximum: 1,
          minLength: 5,
          maxLength: 2,
          items: { type: 'string' },
          enum: [],
          pattern: '([',
        },
      });

      expect(response.status).toBe(201);
    });

    it('rejects duplicate name', async () => {
      const { name: ns } = await namespaces.create();
      await createProperty(ns, { name: 'twice', title: 'Twice', type: 'string' });

      const response = await api.post(paths.properties(ns), {
        json: { name: 'twice', title: 'Twice', type: 'string' },
      });

      expectError(
        response,
        409,
        `A metadata definition property with name=twice already exists in namespace=${ns}.`,
      );
    });

    it.each([
      ['missing name', { title: 'T', type: 'string' }],
      ['missing title', { name: 'p', type: 'string' }],
      ['missing type', { name: 'p', title: 'T' }],
      ['null type', { name: 'p', title: 'T', type: null }],
      ['unknown type', { name: 'p', title: 'T', type: 'date' }],
      ['unknown key', { name: 'p', title: 'T', type: 'string', bogus: 1 }],
      ['confidential', { name: 'p', title: 'T', type: 'string', confidential: true }],
      ['negative minLength', { name: 'p', title: 'T', type: 'string', minLength: -1 }],
      ['long name', { name: 'p'.repeat(81), title: 'T', type: 'string' }],
    ])('rejects %s', async (_case, body) => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.properties(ns), { json: body });

      expectSchemaError(response, 'property');
    });

    it.each([
      ['non-string enum', { enum: [1, 2], type: 'integer' }],
      ['required list', { required: ['a'] }],
      ['items without type', { type: 'array', items: { enum: ['a'] } }],
      ['items with extra key', { type: 'array', items: { type: 'string', minimum: 1 } }],
    ])('rejects %s', async (_case, fields) => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.properties(ns), {
        json: { name: 'p', title: 'T', type: 'string', ...fields },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 400 },
          'Glance fails converting input that its JSON schema let through',
        ),
      );
      if (target.isCatalog) {
        expectSchemaError(response, 'property');
      }
    });

    it('handles non-ASCII default', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.properties(ns), {
        json: { name: 'word', title: 'Word', type: 'string', default: 'grüß' },
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
        expect(response.json.default).toBe('grüß');
      }
    });

    it('rejects 4-byte character in title', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.properties(ns), {
        json: { name: 'p', title: 'smile \u{1F600}', type: 'string' },
      });

      expectError(
        response,
        400,
        "Couldn't create metadata property: Title can't contain 4 byte unicode characters.",
      );
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.post(paths.properties(ns), {
        json: { name: 'p', title: 'T', type: 'string' },
      });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });

      const response = await api.post(paths.properties(ns), {
        as: readerA,
        json: { name: 'p', title: 'T', type: 'string' },
      });

      expectError(response, 403, 'You are not authorized to complete add_metadef_property action.');
    });
  });

  describe('GET list', () => {
    it('returns map with stored names', async () => {
      const { name: ns } = await namespaces.create({
        properties: { embedded: { title: 'Embedded', type: 'string' } },
      });
      await createProperty(ns, { name: 'standalone', title: 'Standalone', type: 'integer' });

      const response = await api.get(paths.properties(ns));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        properties: {
          embedded: { title: 'Embedded', type: 'string' },
          standalone: { name: 'standalone', title: 'Standalone', type: 'integer' },
        },
      });
    });

    it('returns empty map', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(paths.properties(ns));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({ properties: {} });
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.get(paths.properties(ns));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name: ns } = await namespaces.create({ owner: readerB.project });

      const response = await api.get(paths.properties(ns), { as: readerA });

      expectError(response, 404, `Namespace ${ns} not found`);
    });
  });

  describe('GET one', () => {
    it('returns standalone form', async () => {
      const { name: ns } = await namespaces.create({
        properties: { embedded: { title: 'Embedded', type: 'string' } },
      });

      const response = await api.get(paths.property(ns, 'embedded'));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({ name: 'embedded', title: 'Embedded', type: 'string' });
    });

    it('returns 404 for missing property', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(paths.property(ns, 'nothing'));

      expectError(response, 404, 'Could not find property nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.get(paths.property(ns, 'p'));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('ignores a body', async () => {
      const { name: ns } = await namespaces.create({
        properties: { p: { title: 'P', type: 'string' } },
      });

      const response = await api.get(paths.property(ns, 'p'), { json: { ignored: true } });

      expect(response.status).toBe(200);
    });

    it('handles unrelated query parameter', async () => {
      const { name: ns } = await namespaces.create({
        properties: { p: { title: 'P', type: 'string' } },
      });

      const response = await api.get(`${paths.property(ns, 'p')}?foo=1`);

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 200 },
          'Glance reads resource_type from any non-empty query; the catalog ignores ' +
            'unknown parameters',
        ),
      );
    });

    describe('with resource_type', () => {
      async function createAssociated(prefix: string | undefined) {
        const resourceType = uniqueResourceType();
        const association =
          prefix === undefined ? { name: resourceType } : { name: resourceType, prefix };
        const { name } = await namespaces.create({
          resource_type_associations: [association],
          properties: { cores: { title: 'Cores', type: 'integer' } },
        });
        return { ns: name, resourceType };
      }

      function showPrefixed(ns: string, property: string, resourceType: string) {
        return api.get(
          `${paths.property(ns, property)}?resource_type=${encodeURIComponent(resourceType)}`,
        );
      }

      it('finds property by prefixed name', async () => {
        const { ns, resourceType } = await createAssociated('hw:');

        const response = await showPrefixed(ns, 'hw:cores', resourceType);

        expect(response.status).toBe(200);
        expect(response.json).toEqual({ name: 'cores', title: 'Cores', type: 'integer' });
      });

      it('returns 404 for unknown resource type', async () => {
        const { ns } = await createAssociated('hw_');
        const unknown = uniqueResourceType();

        const response = await showPrefixed(ns, 'hw_cores', unknown);

        expectError(
          response,
          404,
          `The metadata definition resource-type with name=${unknown}, was not found.`,
        );
      });

      it('returns 404 for unassociated resource type', async () => {
        const { ns } = await createAssociated('hw_');
        const { resourceType: other } = await createAssociated('hw_');

        const response = await showPrefixed(ns, 'hw_cores', other);

        expectError(
          response,
          404,
          `The metadata definition resource-type association of resource-type=${other} to ` +
            `namespace=${ns}, was not found.`,
        );
      });

      it('returns 404 for name without prefix', async () => {
        const { ns, resourceType } = await createAssociated('hw_');

        const response = await showPrefixed(ns, 'cores', resourceType);

        expectError(
          response,
          404,
          "Property cores does not start with the expected resource type association prefix of 'hw_'.",
        );
      });

      it('returns 404 when association has no prefix', async () => {
        const { ns, resourceType } = await createAssociated(undefined);

        const response = await showPrefixed(ns, 'cores', resourceType);

        expectError(
          response,
          404,
          "Property cores does not start with the expected resource type association prefix of 'None'.",
        );
      });

      it('returns 404 for missing unprefixed name', async () => {
        const { ns, resourceType } = await createAssociated('hw_');

        const response = await showPrefixed(ns, 'hw_memory', resourceType);

        expectError(response, 404, 'Could not find property memory');
      });

      it('ignores empty resource_type', async () => {
        const { ns } = await createAssociated('hw_');

        const response = await api.get(`${paths.property(ns, 'cores')}?resource_type=`);

        expect(response.status).toBe(200);
        expect(response.json.name).toBe('cores');
      });
    });
  });

  describe('PUT', () => {
    it('replaces and renames', async () => {
      const { name: ns } = await namespaces.create();
      await createProperty(ns, { name: 'old', title: 'Old', type: 'string', default: 'x' });

      const response = await api.put(paths.property(ns, 'old'), {
        json: { name: 'new', title: 'New', type: 'integer', default: 3 },
      });
      const old = await api.get(paths.property(ns, 'old'));
      const listed = await api.get(paths.properties(ns));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({ name: 'new', title: 'New', type: 'integer', default: '3' });
      expectError(old, 404, 'Could not find property old');
      expect(listed.json.properties).toEqual({
        new: { name: 'new', title: 'New', type: 'integer', default: '3' },
      });
    });

    it('rejects rename onto existing name', async () => {
      const { name: ns } = await namespaces.create();
      await createProperty(ns, { name: 'one', title: 'One', type: 'string' });
      await createProperty(ns, { name: 'two', title: 'Two', type: 'string' });

      const response = await api.put(paths.property(ns, 'one'), {
        json: { name: 'two', title: 'Two', type: 'string' },
      });

      // Glance names the property being renamed here, not the name it collides with.
      expectError(
        response,
        409,
        'Invalid update. It would result in a duplicate metadata definition property with the ' +
          `same name=one in namespace=${ns}.`,
      );
    });

    it('rejects unknown key', async () => {
      const { name: ns } = await namespaces.create();
      await createProperty(ns, { name: 'p', title: 'P', type: 'string' });

      const response = await api.put(paths.property(ns, 'p'), {
        json: { name: 'p', title: 'P', type: 'string', bogus: true },
      });

      expectSchemaError(response, 'property');
    });

    it('rejects 4-byte character', async () => {
      const { name: ns } = await namespaces.create();
      await createProperty(ns, { name: 'p', title: 'P', type: 'string' });

      const response = await api.put(paths.property(ns, 'p'), {
        json: { name: 'p', title: 'P', type: 'string', description: '\u{1F600}' },
      });

      expectError(
        response,
        400,
        "Couldn't update metadata property: Description can't contain 4 byte unicode characters.",
      );
    });

    it('returns 404 for missing property', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.put(paths.property(ns, 'nothing'), {
        json: { name: 'nothing', title: 'T', type: 'string' },
      });

      expectError(response, 404, 'Could not find property nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.put(paths.property(ns, 'p'), {
        json: { name: 'p', title: 'T', type: 'string' },
      });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });
      await createProperty(ns, { name: 'p', title: 'P', type: 'string' });

      const response = await api.put(paths.property(ns, 'p'), {
        as: readerA,
        json: { name: 'p', title: 'P', type: 'string' },
      });

      expectError(
        response,
        403,
        'You are not authorized to complete modify_metadef_property action.',
      );
    });
  });

  describe('DELETE one', () => {
    it('deletes the property only', async () => {
      const { name: ns } = await namespaces.create({
        objects: [
          {
            name: 'Thing',
            required: ['size'],
            properties: { size: { title: 'S', type: 'string' } },
          },
        ],
      });
      await createProperty(ns, { name: 'size', title: 'Size', type: 'integer' });
      await createProperty(ns, { name: 'kept', title: 'Kept', type: 'integer' });

      const response = await api.delete(paths.property(ns, 'size'));
      const listed = await api.get(paths.properties(ns));
      const object = await api.get(paths.object(ns, 'Thing'));

      expect(response.status).toBe(204);
      expect(Object.keys(listed.json.properties)).toEqual(['kept']);
      expect(object.json.required).toEqual(['size']);
      expect(Object.keys(object.json.properties)).toEqual(['size']);
    });

    it('returns 404 for missing property', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.delete(paths.property(ns, 'nothing'));

      expectError(response, 404, 'Could not find property nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.delete(paths.property(ns, 'p'));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('ignores a body', async () => {
      const { name: ns } = await namespaces.create();
      await createProperty(ns, { name: 'p', title: 'P', type: 'string' });

      const response = await api.delete(paths.property(ns, 'p'), { json: { ignored: true } });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 204 },
          'Glance hands the parsed body to its delete handler as an unexpected argument',
        ),
      );
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });
      await createProperty(ns, { name: 'p', title: 'P', type: 'string' });

      const response = await api.delete(paths.property(ns, 'p'), { as: readerA });

      expectError(
        response,
        403,
        'You are not authorized to complete remove_metadef_property action.',
      );
    });
  });
});
