import { api, paths } from '../support/api';
import { expectError, expectSchemaError } from '../support/errors';
import {
  timestampPattern,
  uniqueName,
  uniqueResourceType,
  useNamespaces,
} from '../support/fixtures';
import { memberOnlyA, readerA, readerB } from '../support/identities';
import { expectedFor } from '../support/target';

function associationNames(body: any): string[] {
  return body.resource_type_associations.map((item: any) => item.name);
}

describe('resource types and associations', () => {
  const namespaces = useNamespaces();

  function listResourceTypes(as = readerA) {
    return api.get(paths.resourceTypes, { as });
  }

  describe('GET /v2/metadefs/resource_types', () => {
    it('lists types created by associations', async () => {
      const resourceType = uniqueResourceType();
      await namespaces.create({ resource_type_associations: [{ name: resourceType }] });

      const response = await listResourceTypes();

      expect(response.status).toBe(200);
      const item = response.json.resource_types.find((entry: any) => entry.name === resourceType);
      expect(item).toEqual({
        name: resourceType,
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
      });
    });

    it('lists types in creation order', async () => {
      const first = uniqueResourceType();
      const second = uniqueResourceType();
      await namespaces.create({ resource_type_associations: [{ name: first }] });
      await namespaces.create({ resource_type_associations: [{ name: second }] });

      const response = await listResourceTypes();

      const names: string[] = response.json.resource_types.map((entry: any) => entry.name);
      expect(names.indexOf(first)).toBeGreaterThanOrEqual(0);
      expect(names.indexOf(second)).toBeGreaterThan(names.indexOf(first));
    });

    it('keeps types after their namespace is gone', async () => {
      const resourceType = uniqueResourceType();
      const { name } = await namespaces.create({
        resource_type_associations: [{ name: resourceType }],
      });
      await api.delete(paths.namespace(name));

      const response = await listResourceTypes();

      expect(response.json.resource_types.map((entry: any) => entry.name)).toContain(resourceType);
    });

    it('ignores query parameters', async () => {
      const response = await api.get(`${paths.resourceTypes}?limit=1&sort_dir=bogus`);

      expect(response.status).toBe(200);
      expect(response.json.resource_types.length).toBeGreaterThan(1);
    });

    it('hides the list from member-only caller', async () => {
      const response = await listResourceTypes(memberOnlyA);

      expectError(response, 404, 'The resource could not be found.');
    });
  });

  describe('GET associations', () => {
    it('lists associations in creation order', async () => {
      const first = uniqueResourceType();
      const second = uniqueResourceType();
      const { name: ns } = await namespaces.create({
        visibility: 'public',
        resource_type_associations: [{ name: first, prefix: 'a_', properties_target: 'image' }],
      });
      await api.post(paths.associations(ns), { json: { name: second } });

      const response = await api.get(paths.associations(ns), { as: readerA });

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        resource_type_associations: [
          {
            name: first,
            prefix: 'a_',
            properties_target: 'image',
            created_at: expect.stringMatching(timestampPattern),
            updated_at: expect.stringMatching(timestampPattern),
          },
          {
            name: second,
            created_at: expect.stringMatching(timestampPattern),
            updated_at: expect.stringMatching(timestampPattern),
          },
        ],
      });
    });

    it('returns empty list', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(paths.associations(ns));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({ resource_type_associations: [] });
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.get(paths.associations(ns));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name: ns } = await namespaces.create({ owner: readerB.project });

      const response = await api.get(paths.associations(ns), { as: readerA });

      expectError(response, 404, `Namespace ${ns} not found`);
    });
  });

  describe('POST association', () => {
    it('returns 201 association', async () => {
      const { name: ns } = await namespaces.create();
      const resourceType = uniqueResourceType();

      const response = await api.post(paths.associations(ns), {
        json: { name: resourceType, prefix: 'hw:', properties_target: 'scheduler_hints' },
      });

      expect(response.status).toBe(201);
      expect(response.headers.location).toBeUndefined();
      expect(response.json).toEqual({
        name: resourceType,
        prefix: 'hw:',
        properties_target: 'scheduler_hints',
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
      });
      expect(response.json.updated_at).toBe(response.json.created_at);
    });

    it('reuses an existing type', async () => {
      const resourceType = uniqueResourceType();
      const { name: first } = await namespaces.create({
        resource_type_associations: [{ name: resourceType }],
      });
      const { name: second } = await namespaces.create();

      const response = await api.post(paths.associations(second), { json: { name: resourceType } });
      const listed = await api.get(paths.resourceTypes);

      expect(first).not.toBe(second);
      expect(response.status).toBe(201);
      const matches = listed.json.resource_types.filter(
        (entry: any) => entry.name === resourceType,
      );
      expect(matches).toHaveLength(1);
    });

    it('rejects duplicate association', async () => {
      const resourceType = uniqueResourceType();
      const { name: ns } = await namespaces.create({
        resource_type_associations: [{ name: resourceType }],
      });

      const response = await api.post(paths.associations(ns), {
        json: { name: resourceType, prefix: 'other_' },
      });

      expectError(
        response,
        409,
        `The metadata definition resource-type association of resource-type=${resourceType} ` +
          `to namespace=${ns} already exists.`,
      );
    });

    it.each([
      ['missing name', { prefix: 'p_' }],
      ['unknown key', { name: 'E2E::Unknown::Key', bogus: 1 }],
      ['long name', { name: 'r'.repeat(81) }],
      ['long prefix', { name: 'E2E::Long::Prefix', prefix: 'p'.repeat(81) }],
      ['long properties_target', { name: 'E2E::Long::Target', properties_target: 't'.repeat(81) }],
    ])('rejects %s', async (_case, body) => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.associations(ns), { json: body });

      expectSchemaError(response, 'resource_type_association');
    });

    it.each(['created_at', 'updated_at'])('rejects read-only %s', async (key) => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.associations(ns), {
        json: { name: uniqueResourceType(), [key]: '2020-01-01T00:00:00Z' },
      });

      expectError(response, 403, `Attribute '${key}' is read-only.`);
    });

    it('checks 4-byte characters', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.associations(ns), {
        json: { name: uniqueResourceType(), prefix: '\u{1F600}_' },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 201, catalog: 400 },
          'Glance skips the 4-byte check on associations; the catalog checks every write',
        ),
      );
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.post(paths.associations(ns), {
        json: { name: uniqueResourceType() },
      });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });

      const response = await api.post(paths.associations(ns), {
        as: readerA,
        json: { name: uniqueResourceType() },
      });

      expectError(
        response,
        403,
        'You are not authorized to complete add_metadef_resource_type_association action.',
      );
    });
  });

  describe('DELETE association', () => {
    it('deletes association and keeps type', async () => {
      const kept = uniqueResourceType();
      const removed = uniqueResourceType();
      const { name: ns } = await namespaces.create({
        resource_type_associations: [{ name: removed }, { name: kept }],
      });

      const response = await api.delete(paths.association(ns, removed));
      const listed = await api.get(paths.associations(ns));
      const types = await api.get(paths.resourceTypes);

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(associationNames(listed.json)).toEqual([kept]);
      expect(types.json.resource_types.map((entry: any) => entry.name)).toContain(removed);
    });

    it('returns 404 for missing association', async () => {
      const { name: ns } = await namespaces.create();
      const resourceType = uniqueResourceType();

      const response = await api.delete(paths.association(ns, resourceType));

      expectError(response, 404, `Failed to find resource type ${resourceType} to delete`);
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.delete(paths.association(ns, 'OS::Glance::Image'));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const resourceType = uniqueResourceType();
      const { name: ns } = await namespaces.create({
        visibility: 'public',
        resource_type_associations: [{ name: resourceType }],
      });

      const response = await api.delete(paths.association(ns, resourceType), { as: readerA });

      expectError(
        response,
        403,
        'You are not authorized to complete remove_metadef_resource_type_association action.',
      );
    });
  });
});
