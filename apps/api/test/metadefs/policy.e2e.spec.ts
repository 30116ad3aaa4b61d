import { call, paths } from '../support/api';
import { expectError } from '../support/errors';
import { NamespaceFixtures, uniqueResourceType } from '../support/fixtures';
import { admin, memberOnlyA, readerA, readerB, type Identity } from '../support/identities';

interface RouteCase {
  method: string;
  label: string;
  path: (ns: string, resourceType: string) => string;
  body?: unknown;
}

const readRoutes: RouteCase[] = [
  { method: 'GET', label: 'namespace', path: (ns) => paths.namespace(ns) },
  { method: 'GET', label: 'objects', path: (ns) => paths.objects(ns) },
  { method: 'GET', label: 'object', path: (ns) => paths.object(ns, 'Thing') },
  { method: 'GET', label: 'properties', path: (ns) => paths.properties(ns) },
  { method: 'GET', label: 'property', path: (ns) => paths.property(ns, 'size') },
  { method: 'GET', label: 'tags', path: (ns) => paths.tags(ns) },
  { method: 'GET', label: 'tag', path: (ns) => paths.tag(ns, 'tag') },
  { method: 'GET', label: 'associations', path: (ns) => paths.associations(ns) },
];

/** Write routes with the policy rule whose name appears in the 403 message. */
const writeRoutes: Array<RouteCase & { rule: string }> = [
  {
    method: 'PUT',
    label: 'namespace',
    path: (ns) => paths.namespace(ns),
    body: 'namespace',
    rule: 'modify_metadef_namespace',
  },
  {
    method: 'DELETE',
    label: 'namespace',
    path: (ns) => paths.namespace(ns),
    rule: 'delete_metadef_namespace',
  },
  {
    method: 'POST',
    label: 'objects',
    path: (ns) => paths.objects(ns),
    body: { name: 'New' },
    rule: 'add_metadef_object',
  },
  {
    method: 'DELETE',
    label: 'objects',
    path: (ns) => paths.objects(ns),
    rule: 'delete_metadef_namespace',
  },
  {
    method: 'PUT',
    label: 'object',
    path: (ns) => paths.object(ns, 'Thing'),
    body: { name: 'Thing' },
    rule: 'modify_metadef_object',
  },
  {
    method: 'DELETE',
    label: 'object',
    path: (ns) => paths.object(ns, 'Thing'),
    rule: 'delete_metadef_object',
  },
  {
    method: 'POST',
    label: 'properties',
    path: (ns) => paths.properties(ns),
    body: { name: 'new', title: 'New', type: 'string' },
    rule: 'add_metadef_property',
  },
  {
    method: 'DELETE',
    label: 'properties',
    path: (ns) => paths.properties(ns),
    rule: 'delete_metadef_namespace',
  },
  {
    method: 'PUT',
    label: 'property',
    path: (ns) => paths.property(ns, 'size'),
    body: { name: 'size', title: 'Size', type: 'integer' },
    rule: 'modify_metadef_property',
  },
  {
    method: 'DELETE',
    label: 'property',
    path: (ns) => paths.property(ns, 'size'),
    rule: 'remove_metadef_property',
  },
  {
    method: 'POST',
    label: 'tags',
    path: (ns) => paths.tags(ns),
    body: { tags: [{ name: 'new' }] },
    rule: 'add_metadef_tags',
  },
  {
    method: 'DELETE',
    label: 'tags',
    path: (ns) => paths.tags(ns),
    rule: 'delete_metadef_namespace',
  },
  {
    method: 'POST',
    label: 'tag',
    path: (ns) => paths.tag(ns, 'new'),
    rule: 'add_metadef_tag',
  },
  {
    method: 'PUT',
    label: 'tag',
    path: (ns) => paths.tag(ns, 'tag'),
    body: { name: 'renamed' },
    rule: 'modify_metadef_tag',
  },
  {
    method: 'DELETE',
    label: 'tag',
    path: (ns) => paths.tag(ns, 'tag'),
    rule: 'delete_metadef_tag',
  },
  {
    method: 'POST',
    label: 'associations',
    path: (ns) => paths.associations(ns),
    body: { name: 'E2E::Policy::Unused' },
    rule: 'add_metadef_resource_type_association',
  },
  {
    method: 'DELETE',
    label: 'association',
    path: (ns, resourceType) => paths.association(ns, resourceType),
    rule: 'remove_metadef_resource_type_association',
  },
];

/** Message for a namespace that the caller cannot see, which differs per route. */
function invisibleMessage(route: RouteCase, ns: string): string {
  if (route.method === 'GET' && route.label === 'namespace') {
    return 'The resource could not be found.';
  }
  return `Namespace ${ns} not found`;
}

function send(route: RouteCase, as: Identity, ns: string, resourceType: string) {
  const json = route.body === 'namespace' ? { namespace: ns } : route.body;
  return call(route.method, route.path(ns, resourceType), { as, json });
}

// NOTE: with the default policy a reader passes every read rule, and anonymous access is
// off, so the 403 for a denied content read rule and the anonymous `Read-only access` 403
// are not reachable here.
describe('visibility and policy', () => {
  const fixtures = new NamespaceFixtures();
  const resourceType = uniqueResourceType();
  let privateOfA = '';
  let publicOfB = '';

  // The write cases all fail, so one set of namespaces serves the whole file.
  beforeAll(async () => {
    const content = {
      resource_type_associations: [{ name: resourceType }],
      properties: { size: { title: 'Size', type: 'integer' } },
      objects: [{ name: 'Thing' }],
      tags: [{ name: 'tag' }],
    };
    privateOfA = (await fixtures.create({ ...content, owner: readerA.project })).name;
    publicOfB = (
      await fixtures.create({ ...content, owner: readerB.project, visibility: 'public' })
    ).name;
  });

  afterAll(() => fixtures.cleanup());

  describe('reader of the owning project', () => {
    it.each(readRoutes)('reads private $label', async (route) => {
      const response = await send(route, readerA, privateOfA, resourceType);

      expect(response.status).toBe(200);
    });

    it.each(writeRoutes)('gets 403 on $method $label', async (route) => {
      const response = await send(route, readerA, privateOfA, resourceType);

      expectError(response, 403, `You are not authorized to complete ${route.rule} action.`);
    });
  });

  describe('reader of another project', () => {
    it.each(readRoutes)('gets 404 on private $label', async (route) => {
      const response = await send(route, readerB, privateOfA, resourceType);

      expectError(response, 404, invisibleMessage(route, privateOfA));
    });

    it.each(writeRoutes)('gets 404 on $method $label', async (route) => {
      const response = await send(route, readerB, privateOfA, resourceType);

      expectError(response, 404, invisibleMessage(route, privateOfA));
    });

    it.each(readRoutes)('reads public $label', async (route) => {
      const response = await send(route, readerA, publicOfB, resourceType);

      expect(response.status).toBe(200);
    });

    it('sees the same detail as admin', async () => {
      const asReader = await call('GET', paths.namespace(publicOfB), { as: readerA });
      const asAdmin = await call('GET', paths.namespace(publicOfB), { as: admin });

      expect(asReader.json).toEqual(asAdmin.json);
    });
  });

  describe('member without reader role', () => {
    it.each(readRoutes)('gets 404 on own $label', async (route) => {
      const response = await send(route, memberOnlyA, privateOfA, resourceType);

      expectError(response, 404, 'The resource could not be found.');
    });

    it.each(writeRoutes)('gets 404 on $method $label', async (route) => {
      const response = await send(route, memberOnlyA, privateOfA, resourceType);

      expectError(response, 404, 'The resource could not be found.');
    });

    it('gets 404 on public namespace', async () => {
      const response = await call('GET', paths.namespace(publicOfB), { as: memberOnlyA });

      expectError(response, 404, 'The resource could not be found.');
    });
  });

  describe('admin', () => {
    it.each(readRoutes)('reads any project $label', async (route) => {
      const response = await send(route, admin, privateOfA, resourceType);

      expect(response.status).toBe(200);
    });
  });

  it('lowercases roles', async () => {
    const shouting: Identity = {
      ...readerA,
      headers: { ...readerA.headers, 'X-Roles': 'READER,Member' },
    };

    const response = await call('GET', paths.namespace(privateOfA), { as: shouting });

    expect(response.status).toBe(200);
  });

  it('accepts X-Project-Id', async () => {
    const { 'X-Tenant-Id': _unused, ...headers } = readerA.headers;

    const response = await call('GET', paths.namespace(privateOfA), {
      as: { ...readerA, headers: { ...headers, 'X-Project-Id': readerA.project as string } },
    });

    expect(response.status).toBe(200);
  });
});
