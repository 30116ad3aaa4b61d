import { messages, paths } from './http';
import type { Persona } from './keystone';

/**
 * The routes of the metadefs API, as the controllers under libs/catalog/src/**\/http declare
 * them, and the response each persona should get with a given policy.
 */
export interface NamespaceRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template, for test names. */
  readonly label: string;
  readonly path: (namespace: string, resourceType: string) => string;
  readonly body?: (namespace: string) => unknown;
  /** The rule named in the 403 when the caller may see the namespace but not do this. */
  readonly rule: string;
  /** Status of a successful call. */
  readonly success: 200 | 201 | 204;
  readonly write: boolean;
}

function read(label: string, path: NamespaceRoute['path'], rule: string): NamespaceRoute {
  return { method: 'GET', label: `GET ${label}`, path, rule, success: 200, write: false };
}

function write(
  method: 'POST' | 'PUT' | 'DELETE',
  label: string,
  path: NamespaceRoute['path'],
  rule: string,
  body?: NamespaceRoute['body'],
): NamespaceRoute {
  let success: NamespaceRoute['success'] = 204;
  if (method === 'POST') success = 201;
  if (method === 'PUT') success = 200;
  return { method, label: `${method} ${label}`, path, rule, success, write: true, body };
}

/** Content every fixture namespace holds, so that every child route finds its target. */
export const OBJECT = 'Thing';
export const PROPERTY = 'size';
export const TAG = 'tag';

/** The 25 routes under `/v2/metadefs/namespaces/{namespace}`. */
export const namespaceRoutes: readonly NamespaceRoute[] = [
  read('{ns}', (ns) => paths.namespace(ns), 'get_metadef_namespace'),
  write(
    'PUT',
    '{ns}',
    (ns) => paths.namespace(ns),
    'modify_metadef_namespace',
    (ns) => ({ namespace: ns }),
  ),
  write('DELETE', '{ns}', (ns) => paths.namespace(ns), 'delete_metadef_namespace'),

  read('{ns}/objects', (ns) => paths.objects(ns), 'get_metadef_objects'),
  write(
    'POST',
    '{ns}/objects',
    (ns) => paths.objects(ns),
    'add_metadef_object',
    () => ({ name: 'New' }),
  ),
  write('DELETE', '{ns}/objects', (ns) => paths.objects(ns), 'delete_metadef_namespace'),
  read('{ns}/objects/{object}', (ns) => paths.object(ns, OBJECT), 'get_metadef_object'),
  write(
    'PUT',
    '{ns}/objects/{object}',
    (ns) => paths.object(ns, OBJECT),
    'modify_metadef_object',
    () => ({
      name: OBJECT,
      description: 'changed',
    }),
  ),
  write(
    'DELETE',
    '{ns}/objects/{object}',
    (ns) => paths.object(ns, OBJECT),
    'delete_metadef_object',
  ),

  read('{ns}/properties', (ns) => paths.properties(ns), 'get_metadef_properties'),
  write(
    'POST',
    '{ns}/properties',
    (ns) => paths.properties(ns),
    'add_metadef_property',
    () => ({
      name: 'new',
      title: 'New',
      type: 'string',
    }),
  ),
  write('DELETE', '{ns}/properties', (ns) => paths.properties(ns), 'delete_metadef_namespace'),
  read('{ns}/properties/{property}', (ns) => paths.property(ns, PROPERTY), 'get_metadef_property'),
  write(
    'PUT',
    '{ns}/properties/{property}',
    (ns) => paths.property(ns, PROPERTY),
    'modify_metadef_property',
    () => ({ name: PROPERTY, title: 'Size', type: 'integer', minimum: 1 }),
  ),
  write(
    'DELETE',
    '{ns}/properties/{property}',
    (ns) => paths.property(ns, PROPERTY),
    'remove_metadef_property',
  ),

  read('{ns}/tags', (ns) => paths.tags(ns), 'get_metadef_tags'),
  write(
    'POST',
    '{ns}/tags',
    (ns) => paths.tags(ns),
    'add_metadef_tags',
    () => ({ tags: [{ name: 'new' }] }),
  ),
  write('DELETE', '{ns}/tags', (ns) => paths.tags(ns), 'delete_metadef_namespace'),
  write('POST', '{ns}/tags/{tag}', (ns) => paths.tag(ns, 'single'), 'add_metadef_tag'),
  read('{ns}/tags/{tag}', (ns) => paths.tag(ns, TAG), 'get_metadef_tag'),
  write(
    'PUT',
    '{ns}/tags/{tag}',
    (ns) => paths.tag(ns, TAG),
    'modify_metadef_tag',
    () => ({ name: 'renamed' }),
  ),
  write('DELETE', '{ns}/tags/{tag}', (ns) => paths.tag(ns, TAG), 'delete_metadef_tag'),

  read('{ns}/resource_types', (ns) => paths.associations(ns), 'list_metadef_resource_types'),
  write(
    'POST',
    '{ns}/resource_types',
    (ns) => paths.associations(ns),
    'add_metadef_resource_type_association',
    () => ({ name: 'Int::Identity::Other', prefix: 'other_' }),
  ),
  write(
    'DELETE',
    '{ns}/resource_types/{resource_type}',
    (ns, resourceType) => paths.association(ns, resourceType),
    'remove_metadef_resource_type_association',
  ),
];

export const schemaKinds = [
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
] as const;

export type ProjectName = 'alpha' | 'beta';

/** One of the four fixture namespaces: owned by alpha or beta, public or private. */
export interface FixtureSpec {
  readonly label: string;
  readonly owner: ProjectName;
  readonly visibility: 'public' | 'private';
}

export const fixtureSpecs: readonly FixtureSpec[] = [
  { label: 'alpha-public', owner: 'alpha', visibility: 'public' },
  { label: 'alpha-private', owner: 'alpha', visibility: 'private' },
  { label: 'beta-public', owner: 'beta', visibility: 'public' },
  { label: 'beta-private', owner: 'beta', visibility: 'private' },
];

/** Who may write, per policy; reads follow visibility alone because every persona is a reader. */
export interface ExpectedPolicy {
  readonly title: string;
  /** Whether `persona` passes the write rules on a namespace owned by `owner`. */
  canWrite(persona: Persona, owner: ProjectName): boolean;
  /** Whether `persona` passes `add_metadef_namespace` for a namespace of its own project. */
  canCreateNamespace(persona: Persona): boolean;
}

export const isAdmin = (persona: Persona): boolean => persona.roles.includes('admin');

export const defaultPolicy: ExpectedPolicy = {
  title: "Glance's default policy",
  canWrite: (persona) => isAdmin(persona),
  canCreateNamespace: (persona) => isAdmin(persona),
};

/** The write rules of Glance's metadef policy, all `rule:metadef_admin` by default. */
export const WRITE_RULES = [
  'add_metadef_namespace',
  'modify_metadef_namespace',
  'delete_metadef_namespace',
  'add_metadef_object',
  'modify_metadef_object',
  'delete_metadef_object',
  'add_metadef_property',
  'modify_metadef_property',
  'remove_metadef_property',
  'add_metadef_tag',
  'add_metadef_tags',
  'modify_metadef_tag',
  'delete_metadef_tag',
  'delete_metadef_tags',
  'add_metadef_resource_type_association',
  'remove_metadef_resource_type_association',
];

/** A policy file that lets members manage the namespaces their own project owns. */
export const memberPolicyFile = [
  '# Members manage the namespaces of their own project; readers still only read.',
  "project_member: 'role:member and project_id:%(project_id)s'",
  ...WRITE_RULES.map((rule) => `${rule}: 'rule:metadef_admin or rule:project_member'`),
  '',
].join('\n');

export const memberPolicy: ExpectedPolicy = {
  title: 'policy file letting members manage their project',
  canWrite: (persona, owner) =>
    isAdmin(persona) || (persona.roles.includes('member') && persona.project === owner),
  canCreateNamespace: (persona) => isAdmin(persona) || persona.roles.includes('member'),
};

/** Tells whether a namespace is visible: admins see all, others public ones and their project's. */
export function isVisible(persona: Persona, fixture: FixtureSpec): boolean {
  return isAdmin(persona) || fixture.visibility === 'public' || persona.project === fixture.owner;
}

export interface ExpectedAnswer {
  readonly status: number;
  /** The exact error explanation, for errors. */
  readonly message?: string;
}

/** Computes the response `persona` gets on `route` of the fixture namespace `namespace`. */
export function expectedAnswer(
  route: NamespaceRoute,
  persona: Persona,
  fixture: FixtureSpec,
  namespace: string,
  policy: ExpectedPolicy,
): ExpectedAnswer {
  if (!isVisible(persona, fixture)) {
    // The namespace detail hides the namespace with the generic message; the other routes
    // report it like a missing namespace.
    const showsDetail = route.method === 'GET' && route.label === 'GET {ns}';
    return {
      status: 404,
      message: showsDetail ? messages.notFound : messages.namespaceNotFound(namespace),
    };
  }
  if (!route.write) return { status: route.success };
  if (policy.canWrite(persona, fixture.owner)) return { status: route.success };
  return { status: 403, message: messages.forbidden(route.rule) };
}
