import { api, paths } from '../support/api';
import { expectError } from '../support/errors';
import { uniqueName, uniqueResourceType, useNamespaces } from '../support/fixtures';
import { readerA, readerB } from '../support/identities';
import { expectedFor } from '../support/target';

const fullContent = () => ({
  resource_type_associations: [{ name: uniqueResourceType() }],
  properties: { size: { title: 'Size', type: 'integer' } },
  objects: [{ name: 'Thing', properties: { inner: { title: 'Inner', type: 'string' } } }],
  tags: [{ name: 'tag' }],
});

describe('delete-all routes', () => {
  const namespaces = useNamespaces();

  const kinds = [
    { route: 'objects', path: paths.objects, removed: 'objects' },
    { route: 'properties', path: paths.properties, removed: 'properties' },
    { route: 'tags', path: paths.tags, removed: 'tags' },
  ];

  describe.each(kinds)('DELETE …/$route', ({ path, removed }) => {
    it('removes that kind only', async () => {
      const { name: ns } = await namespaces.create(fullContent());

      const response = await api.delete(path(ns));
      const shown = await api.get(paths.namespace(ns));

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(shown.json).not.toHaveProperty(removed);
      for (const other of ['objects', 'properties', 'tags', 'resource_type_associations']) {
        if (other !== removed) {
          expect(shown.json).toHaveProperty(other);
        }
      }
    });

    it('returns 204 when empty', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.delete(path(ns));

      expect(response.status).toBe(204);
    });

    it('handles a body', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.delete(path(ns), { json: { ignored: true } });

      expect(response.status).toBe(
        expectedFor(
          { glance: 500, catalog: 204 },
          'Glance hands the parsed body to its delete handler as an unexpected argument',
        ),
      );
    });

    it('returns 403 for protected namespace', async () => {
      const { name: ns } = await namespaces.create({ protected: true, ...fullContent() });

      const response = await api.delete(path(ns));
      const shown = await api.get(paths.namespace(ns));

      expectError(
        response,
        403,
        `Metadata definition namespace ${ns} is protected and cannot be deleted.`,
      );
      expect(shown.json).toHaveProperty(removed);
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.delete(path(ns));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name: ns } = await namespaces.create({ owner: readerB.project });

      const response = await api.delete(path(ns), { as: readerA });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('checks the namespace delete rule', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });

      const response = await api.delete(path(ns), { as: readerA });

      expectError(
        response,
        403,
        'You are not authorized to complete delete_metadef_namespace action.',
      );
    });
  });

  it('keeps object properties when namespace properties go', async () => {
    const { name: ns } = await namespaces.create(fullContent());

    await api.delete(paths.properties(ns));
    const object = await api.get(paths.object(ns, 'Thing'));

    expect(Object.keys(object.json.properties)).toEqual(['inner']);
  });
});

describe('protected namespaces', () => {
  const namespaces = useNamespaces();

  async function createProtected() {
    const resourceType = uniqueResourceType();
    const { name } = await namespaces.create({
      protected: true,
      resource_type_associations: [{ name: resourceType }],
      properties: { size: { title: 'Size', type: 'integer' } },
      objects: [{ name: 'Thing' }],
      tags: [{ name: 'tag' }],
    });
    return { ns: name, resourceType };
  }

  it('refuses namespace delete', async () => {
    const { ns } = await createProtected();

    const response = await api.delete(paths.namespace(ns));

    expectError(
      response,
      403,
      `Metadata definition namespace ${ns} is protected and cannot be deleted.`,
    );
    expect((await api.get(paths.namespace(ns))).status).toBe(200);
  });

  it('refuses object delete', async () => {
    const { ns } = await createProtected();

    const response = await api.delete(paths.object(ns, 'Thing'));

    expectError(
      response,
      403,
      'Metadata definition object Thing is protected and cannot be deleted.',
    );
  });

  it('refuses property delete', async () => {
    const { ns } = await createProtected();

    const response = await api.delete(paths.property(ns, 'size'));

    expectError(
      response,
      403,
      'Metadata definition property size is protected and cannot be deleted.',
    );
  });

  it('refuses tag delete', async () => {
    const { ns } = await createProtected();

    const response = await api.delete(paths.tag(ns, 'tag'));

    expectError(response, 403, 'Metadata definition tag tag is protected and cannot be deleted.');
  });

  it('refuses association delete', async () => {
    const { ns, resourceType } = await createProtected();

    const response = await api.delete(paths.association(ns, resourceType));

    expectError(
      response,
      403,
      `Metadata definition resource-type-association ${resourceType} is protected and cannot be deleted.`,
    );
  });

  it.each([
    [
      'object',
      (ns: string) => paths.object(ns, 'Nothing'),
      'Could not find metadata object Nothing',
    ],
    ['property', (ns: string) => paths.property(ns, 'nothing'), 'Could not find property nothing'],
    ['tag', (ns: string) => paths.tag(ns, 'nothing'), 'Could not find metadata tag nothing'],
  ])('returns 404 for missing %s first', async (_kind, path, message) => {
    const { ns } = await createProtected();

    const response = await api.delete(path(ns));

    expectError(response, 404, message);
  });

  it('reports policy before protection', async () => {
    const { name: ns } = await namespaces.create({ protected: true, visibility: 'public' });

    const response = await api.delete(paths.namespace(ns), { as: readerA });

    expectError(
      response,
      403,
      'You are not authorized to complete delete_metadef_namespace action.',
    );
  });

  it('allows creates and updates', async () => {
    const { ns } = await createProtected();

    const object = await api.post(paths.objects(ns), { json: { name: 'Another' } });
    const property = await api.put(paths.property(ns, 'size'), {
      json: { name: 'size', title: 'Size', type: 'number' },
    });
    const tag = await api.put(paths.tag(ns, 'tag'), { json: { name: 'renamed' } });

    expect(object.status).toBe(201);
    expect(property.status).toBe(200);
    expect(tag.status).toBe(200);
  });

  it('unprotects on PUT without protected', async () => {
    const { ns } = await createProtected();

    const updated = await api.put(paths.namespace(ns), { json: { namespace: ns } });
    const deleted = await api.delete(paths.namespace(ns));

    expect(updated.json.protected).toBe(false);
    expect(deleted.status).toBe(204);
  });
});
