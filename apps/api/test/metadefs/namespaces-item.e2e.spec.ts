import { api, paths } from '../support/api';
import { expectError, expectSchemaError } from '../support/errors';
import {
  timestampPattern,
  uniqueName,
  uniqueResourceType,
  useNamespaces,
} from '../support/fixtures';
import { admin, readerA, readerB } from '../support/identities';
import { expectedFor, target } from '../support/target';

/** Sleeps 1.1 s, so the next write falls in a later whole second of the timestamps. */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
}

describe('/v2/metadefs/namespaces/{namespace}', () => {
  const namespaces = useNamespaces();

  describe('GET', () => {
    it('omits empty collections', async () => {
      const { name } = await namespaces.create({ visibility: 'public' });

      const response = await api.get(paths.namespace(name));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        namespace: name,
        visibility: 'public',
        protected: false,
        owner: admin.project,
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
        self: `/v2/metadefs/namespaces/${name}`,
        schema: '/v2/schemas/metadefs/namespace',
      });
    });

    it('returns 404 for missing namespace', async () => {
      const name = uniqueName('missing');

      const response = await api.get(paths.namespace(name));

      expectError(response, 404, `Metadata definition namespace=${name} was not found.`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name } = await namespaces.create({ visibility: 'private', owner: readerA.project });

      const response = await api.get(paths.namespace(name), { as: readerB });

      expectError(response, 404, 'The resource could not be found.');
    });

    it('reaches percent-encoded UTF-8 name', async () => {
      // NOTE: Glance cannot delete this namespace through its URL either, so every run
      // against Glance leaves it behind.
      const { name } = await namespaces.create({ namespace: `${uniqueName('ns')}-grüß` });

      const response = await api.get(paths.namespace(name));

      expect(response.status).toBe(
        expectedFor(
          { glance: 404, catalog: 200 },
          'Glance decodes path segments as Latin-1 and looks up a garbled name',
        ),
      );
      if (target.isCatalog) {
        expect(response.json.namespace).toBe(name);
      }
    });

    // Glance 25 fails decoding such a path in its middleware and closes the connection
    // without a response, which also disturbs the requests of other tests.
    const itOnCatalog = target.isGlance ? it.skip : it;
    itOnCatalog('rejects invalid UTF-8 in path', async () => {
      const response = await api.get(`${paths.namespaces}/e2e-invalid-%FC`);

      expect(response.status).toBe(400);
    });

    it('rejects invalid visibility parameter', async () => {
      const { name } = await namespaces.create();

      const response = await api.get(`${paths.namespace(name)}?visibility=bogus`);

      expectError(response, 400, 'Invalid visibility value: bogus');
    });

    it.each([['visibility=public'], ['foo=1']])('handles unrelated query %s', async (query) => {
      const { name } = await namespaces.create();

      const response = await api.get(`${paths.namespace(name)}?${query}`);

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 200 },
          'Glance reads resource_type from any non-empty query; the catalog ignores ' +
            'unknown parameters',
        ),
      );
    });

    describe('with resource_type', () => {
      async function createPrefixed(prefix: string | undefined) {
        const resourceType = uniqueResourceType();
        const association =
          prefix === undefined ? { name: resourceType } : { name: resourceType, prefix };
        const { name } = await namespaces.create({
          resource_type_associations: [association],
          properties: { cores: { title: 'Cores', type: 'integer' } },
          objects: [
            {
              name: 'Limits',
              required: ['max'],
              properties: {
                max: { title: 'Max', type: 'integer' },
                hw_min: { title: 'Min', type: 'integer' },
              },
            },
          ],
          tags: [{ name: 'tagged' }],
        });
        return { name, resourceType };
      }

      it('prefixes property keys and required', async () => {
        const { name, resourceType } = await createPrefixed('hw_');

        const response = await api.get(
          `${paths.namespace(name)}?resource_type=${encodeURIComponent(resourceType)}`,
        );

        expect(response.status).toBe(200);
        expect(response.json.properties).toEqual({
          hw_cores: { title: 'Cores', type: 'integer' },
        });
        expect(response.json.objects).toHaveLength(1);
        expect(response.json.objects[0].name).toBe('Limits');
        expect(response.json.objects[0].required).toEqual(['hw_max']);
        expect(response.json.objects[0].properties).toEqual({
          hw_max: { title: 'Max', type: 'integer' },
          hw_hw_min: { title: 'Min', type: 'integer' },
        });
        expect(response.json.objects[0].self).toBe(
          `/v2/metadefs/namespaces/${name}/objects/Limits`,
        );
        expect(response.json.tags).toEqual([{ name: 'tagged' }]);
      });

      it('ignores association without prefix', async () => {
        const { name, resourceType } = await createPrefixed(undefined);

        const response = await api.get(
          `${paths.namespace(name)}?resource_type=${encodeURIComponent(resourceType)}`,
        );

        expect(response.status).toBe(200);
        expect(Object.keys(response.json.properties)).toEqual(['cores']);
      });

      it('ignores unassociated resource type', async () => {
        const { name } = await createPrefixed('hw_');

        const response = await api.get(
          `${paths.namespace(name)}?resource_type=${encodeURIComponent(uniqueResourceType())}`,
        );

        expect(response.status).toBe(200);
        expect(Object.keys(response.json.properties)).toEqual(['cores']);
      });

      it('ignores empty resource_type', async () => {
        const { name } = await createPrefixed('hw_');

        const response = await api.get(`${paths.namespace(name)}?resource_type=`);

        expect(response.status).toBe(200);
        expect(Object.keys(response.json.properties)).toEqual(['cores']);
      });

      it('accepts resource_type with visibility', async () => {
        const { name, resourceType } = await createPrefixed('hw_');

        const response = await api.get(
          `${paths.namespace(name)}?visibility=public&resource_type=${encodeURIComponent(resourceType)}`,
        );

        expect(response.status).toBe(200);
        expect(Object.keys(response.json.properties)).toEqual(['hw_cores']);
      });
    });
  });

  describe('PUT', () => {
    it('replaces every field with defaults', async () => {
      const { name } = await namespaces.create({
        display_name: 'Before',
        description: 'before',
        visibility: 'public',
        protected: true,
        owner: readerB.project,
      });

      const response = await api.put(paths.namespace(name), { json: { namespace: name } });

      expect(response.status).toBe(200);
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
      const shown = await api.get(paths.namespace(name));
      expect(shown.json.owner).toBe(admin.project);
      expect(shown.json).not.toHaveProperty('display_name');
      expect(shown.json).not.toHaveProperty('description');
    });

    it('sets every supplied field', async () => {
      const { name } = await namespaces.create();

      const response = await api.put(paths.namespace(name), {
        json: {
          namespace: name,
          display_name: 'After',
          description: 'after',
          visibility: 'public',
          protected: true,
          owner: readerA.project,
        },
      });

      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({
        display_name: 'After',
        description: 'after',
        visibility: 'public',
        protected: true,
        owner: readerA.project,
      });
    });

    it('renames and keeps children', async () => {
      const resourceType = uniqueResourceType();
      const { name } = await namespaces.create({
        resource_type_associations: [{ name: resourceType }],
        properties: { size: { title: 'Size', type: 'integer' } },
        objects: [{ name: 'Thing' }],
        tags: [{ name: 'tag' }],
      });
      const renamed = uniqueName('renamed');
      namespaces.track(renamed);

      const response = await api.put(paths.namespace(name), { json: { namespace: renamed } });
      const oldName = await api.get(paths.namespace(name));
      const newName = await api.get(paths.namespace(renamed));

      expect(response.status).toBe(200);
      expect(response.json.namespace).toBe(renamed);
      expect(response.json.self).toBe(`/v2/metadefs/namespaces/${renamed}`);
      expectError(oldName, 404, `Metadata definition namespace=${name} was not found.`);
      expect(newName.status).toBe(200);
      expect(newName.json.resource_type_associations.map((item: any) => item.name)).toEqual([
        resourceType,
      ]);
      expect(Object.keys(newName.json.properties)).toEqual(['size']);
      expect(newName.json.objects[0].self).toBe(`/v2/metadefs/namespaces/${renamed}/objects/Thing`);
      expect(newName.json.tags).toEqual([{ name: 'tag' }]);
    });

    it('ignores embedded collections', async () => {
      const { name } = await namespaces.create({ tags: [{ name: 'kept' }] });

      const response = await api.put(paths.namespace(name), {
        json: {
          namespace: name,
          tags: [{ name: 'ignored' }],
          objects: [{ name: 'Ignored' }],
          properties: { ignored: { title: 'Ignored', type: 'string' } },
        },
      });
      const shown = await api.get(paths.namespace(name));

      expect(response.status).toBe(200);
      expect(response.json).not.toHaveProperty('tags');
      expect(shown.json.tags).toEqual([{ name: 'kept' }]);
      expect(shown.json).not.toHaveProperty('objects');
      expect(shown.json).not.toHaveProperty('properties');
    });

    it('returns the new updated_at', async () => {
      const { name } = await namespaces.create();
      // Glance's create response can show a second earlier than the row it stored.
      const stored = await api.get(paths.namespace(name));
      await nextSecond();

      const response = await api.put(paths.namespace(name), {
        json: { namespace: name, display_name: 'changed' },
      });
      const shown = await api.get(paths.namespace(name));

      expect(response.status).toBe(200);
      expect(shown.json.updated_at).not.toBe(stored.json.updated_at);
      expect(response.json.updated_at).toBe(
        expectedFor(
          { glance: stored.json.updated_at, catalog: shown.json.updated_at },
          'Glance answers with the namespace as loaded before the write',
        ),
      );
      expect(shown.json.created_at).toBe(stored.json.created_at);
    });

    it('rejects rename onto existing name', async () => {
      const { name } = await namespaces.create();
      const { name: other } = await namespaces.create();

      const response = await api.put(paths.namespace(name), { json: { namespace: other } });

      expectError(
        response,
        409,
        'Invalid update. It would result in a duplicate metadata definition namespace with ' +
          `the same name of ${other}`,
      );
    });

    it('returns 404 for missing namespace', async () => {
      const name = uniqueName('missing');

      const response = await api.put(paths.namespace(name), { json: { namespace: name } });

      expectError(response, 404, `Namespace ${name} not found`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name } = await namespaces.create({ owner: readerB.project });

      const response = await api.put(paths.namespace(name), {
        as: readerA,
        json: { namespace: name },
      });

      expectError(response, 404, `Namespace ${name} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name } = await namespaces.create({ visibility: 'public' });

      const response = await api.put(paths.namespace(name), {
        as: readerA,
        json: { namespace: name },
      });

      expectError(
        response,
        403,
        'You are not authorized to complete modify_metadef_namespace action.',
      );
    });

    it('rejects body without namespace', async () => {
      const { name } = await namespaces.create();

      const response = await api.put(paths.namespace(name), { json: { display_name: 'x' } });

      expectSchemaError(response, 'namespace');
    });

    it('rejects 4-byte character', async () => {
      const { name } = await namespaces.create();

      const response = await api.put(paths.namespace(name), {
        json: { namespace: name, display_name: 'smile \u{1F600}' },
      });

      expectError(
        response,
        400,
        "Couldn't update metadata namespace: Display_Name can't contain 4 byte unicode characters.",
      );
    });

    it('renames protected namespace', async () => {
      const { name } = await namespaces.create({ protected: true });
      const renamed = uniqueName('renamed');
      namespaces.track(renamed);

      const response = await api.put(paths.namespace(name), {
        json: { namespace: renamed, protected: true },
      });

      expect(response.status).toBe(200);
      expect(response.json.protected).toBe(true);
    });
  });

  describe('DELETE', () => {
    it('deletes namespace and children', async () => {
      const resourceType = uniqueResourceType();
      const { name } = await namespaces.create({
        resource_type_associations: [{ name: resourceType }],
        properties: { size: { title: 'Size', type: 'integer' } },
        objects: [{ name: 'Thing' }],
        tags: [{ name: 'tag' }],
      });

      const response = await api.delete(paths.namespace(name));
      const shown = await api.get(paths.namespace(name));
      await namespaces.create({ namespace: name });
      const recreated = await api.get(paths.namespace(name));
      const resourceTypes = await api.get(paths.resourceTypes);

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(shown.status).toBe(404);
      expect(recreated.json).not.toHaveProperty('objects');
      expect(recreated.json).not.toHaveProperty('properties');
      expect(recreated.json).not.toHaveProperty('tags');
      expect(recreated.json).not.toHaveProperty('resource_type_associations');
      expect(resourceTypes.json.resource_types.map((item: any) => item.name)).toContain(
        resourceType,
      );
    });

    it('returns 404 for missing namespace', async () => {
      const name = uniqueName('missing');

      const response = await api.delete(paths.namespace(name));

      expectError(response, 404, `Namespace ${name} not found`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name } = await namespaces.create({ owner: readerB.project });

      const response = await api.delete(paths.namespace(name), { as: readerA });

      expectError(response, 404, `Namespace ${name} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name } = await namespaces.create({ owner: readerA.project });

      const response = await api.delete(paths.namespace(name), { as: readerA });

      expectError(
        response,
        403,
        'You are not authorized to complete delete_metadef_namespace action.',
      );
    });
  });

  it('formats every timestamp', async () => {
    const { name } = await namespaces.create({
      resource_type_associations: [{ name: uniqueResourceType() }],
      objects: [{ name: 'Thing' }],
    });

    const shown = await api.get(paths.namespace(name));

    expect(shown.json.created_at).toMatch(timestampPattern);
    expect(shown.json.updated_at).toMatch(timestampPattern);
    expect(shown.json.objects[0].created_at).toMatch(timestampPattern);
    expect(shown.json.resource_type_associations[0].updated_at).toMatch(timestampPattern);
    // The literal Z means UTC, so the parsed time is close to this machine's clock.
    expect(Math.abs(Date.now() - Date.parse(shown.json.created_at))).toBeLessThan(5 * 60_000);
  });
});
