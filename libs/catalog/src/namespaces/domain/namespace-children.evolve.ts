import { EventContext } from '../../shared/domain/domain-event';
import { EventNotApplicableError, assertNever } from '../../shared/domain/evolve-error';
import {
  AssociationPayload,
  NamespaceEvent,
  ObjectPayload,
  PropertyPayload,
  TagPayload,
} from '../events';
import { AssociationEntry, NamespaceRecord, ObjectEntry, TagEntry } from './namespace.types';

type ChildEvent = Exclude<
  NamespaceEvent,
  {
    type:
      | 'org.openstack.metadefs.namespace.created.v1'
      | 'org.openstack.metadefs.namespace.updated.v1'
      | 'org.openstack.metadefs.namespace.deleted.v1'
      | 'org.openstack.metadefs.namespace.objects_deleted.v1'
      | 'org.openstack.metadefs.namespace.properties_deleted.v1'
      | 'org.openstack.metadefs.namespace.tags_deleted.v1'
      | 'org.openstack.metadefs.namespace.tags_replaced.v1';
  }
>;

/** Applies an event about one object, property, tag or association of a namespace. */
export function evolveChildren(
  ns: NamespaceRecord,
  event: ChildEvent,
  context: EventContext,
): NamespaceRecord {
  const fail = (reason: string) => new EventNotApplicableError(event.type, reason);

  switch (event.type) {
    case 'org.openstack.metadefs.object.created.v1':
      return { ...ns, objects: added(ns.objects, toObject(event.data), fail) };
    case 'org.openstack.metadefs.object.updated.v1':
      return { ...ns, objects: replaced(ns.objects, event.data.name_old, toObject(event.data), fail) };
    case 'org.openstack.metadefs.object.deleted.v1':
      return { ...ns, objects: removed(ns.objects, event.data.name, fail) };

    case 'org.openstack.metadefs.property.created.v1':
      return { ...ns, properties: added(ns.properties, toProperty(event.data), fail) };
    case 'org.openstack.metadefs.property.updated.v1': {
      const property = toProperty(event.data);
      return { ...ns, properties: replaced(ns.properties, event.data.name_old, property, fail) };
    }
    case 'org.openstack.metadefs.property.deleted.v1':
      return { ...ns, properties: removed(ns.properties, event.data.name, fail) };

    case 'org.openstack.metadefs.tag.created.v1':
      return { ...ns, tags: added(ns.tags, toTag(event.data, context.position), fail) };
    case 'org.openstack.metadefs.tag.updated.v1': {
      const previous = find(ns.tags, event.data.name_old, fail);
      return { ...ns, tags: replaced(ns.tags, event.data.name_old, toTag(event.data, previous.seq), fail) };
    }
    case 'org.openstack.metadefs.tag.deleted.v1':
      return { ...ns, tags: removed(ns.tags, event.data.name, fail) };

    case 'org.openstack.metadefs.resource_type_association.created.v1':
      return {
        ...ns,
        resource_type_associations: added(ns.resource_type_associations, toAssociation(event.data), fail),
      };
    case 'org.openstack.metadefs.resource_type_association.updated.v1':
      return {
        ...ns,
        resource_type_associations: replaced(
          ns.resource_type_associations,
          event.data.name,
          toAssociation(event.data),
          fail,
        ),
      };
    case 'org.openstack.metadefs.resource_type_association.deleted.v1':
      return {
        ...ns,
        resource_type_associations: removed(ns.resource_type_associations, event.data.name, fail),
      };
    default:
      return assertNever(event, 'namespace event');
  }
}

type Named = { readonly name: string };
type Fail = (reason: string) => Error;

function find<T extends Named>(items: readonly T[], name: string, fail: Fail): T {
  const item = items.find((candidate) => candidate.name === name);
  if (!item) throw fail(`no child named ${JSON.stringify(name)}`);
  return item;
}

function added<T extends Named>(items: readonly T[], item: T, fail: Fail): readonly T[] {
  if (items.some((candidate) => candidate.name === item.name)) {
    throw fail(`a child named ${JSON.stringify(item.name)} already exists`);
  }
  return [...items, item];
}

/** Replaces the child named `name` in place, keeping list order (renames included). */
function replaced<T extends Named>(items: readonly T[], name: string, item: T, fail: Fail): readonly T[] {
  const index = items.findIndex((candidate) => candidate.name === name);
  if (index < 0) throw fail(`no child named ${JSON.stringify(name)}`);
  if (item.name !== name && items.some((candidate) => candidate.name === item.name)) {
    throw fail(`a child named ${JSON.stringify(item.name)} already exists`);
  }
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

function removed<T extends Named>(items: readonly T[], name: string, fail: Fail): readonly T[] {
  find(items, name, fail);
  return items.filter((candidate) => candidate.name !== name);
}

function toObject(data: ObjectPayload): ObjectEntry {
  return {
    name: data.name,
    description: data.description,
    required: data.required ?? [],
    properties: data.property_definitions,
    created_at: data.created_at,
    updated_at: data.updated_at,
  };
}

function toProperty(data: PropertyPayload) {
  return { name: data.name, definition: data.definition };
}

function toTag(data: TagPayload, seq: number): TagEntry {
  return { name: data.name, created_at: data.created_at, updated_at: data.updated_at, seq };
}

function toAssociation(data: AssociationPayload): AssociationEntry {
  return {
    name: data.name,
    prefix: data.prefix,
    properties_target: data.properties_target,
    created_at: data.created_at,
    updated_at: data.updated_at,
  };
}
