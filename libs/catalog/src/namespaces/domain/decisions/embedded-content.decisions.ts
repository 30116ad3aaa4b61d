import { assertNoFourByteCharacters } from '../../../shared/domain/four-byte';
import { CatalogView } from '../../../shared/domain/catalog-view';
import { resourceTypeStream } from '../../../shared/domain/decision';
import { DomainEvent } from '../../../shared/domain/domain-event';
import { JsonObject } from '../../../shared/domain/json';
import { mapToDefinitions } from '../../../shared/domain/property-definition';
import { ResourceTypeCreatedEvent } from '../../../resource-types/events';
import {
  ObjectCreatedEvent,
  PropertyCreatedEvent,
  ResourceTypeAssociatedEvent,
  TagCreatedEvent,
  associationPayload,
  objectPayload,
  propertyPayload,
  tagPayload,
} from '../../events';
import { AssociationInput, NamespaceInput, ObjectInput } from '../namespace.inputs';
import { AssociationEntry, NamespaceRecord, ObjectEntry, TagEntry } from '../namespace.types';
import {
  AssociationDuplicateError,
  ObjectDuplicateError,
  TagDuplicateError,
} from '../namespace.errors';

/**
 * Decides the children a namespace create embeds: associations (creating resource types that
 * do not exist yet), objects, tags, then properties. Duplicates within the body are conflicts;
 * 4-byte characters anywhere are reported under the namespace, as Glance reports them.
 */
export function decideEmbeddedContent(
  view: CatalogView,
  created: NamespaceRecord,
  input: NamespaceInput,
  now: string,
): { events: DomainEvent[]; streams: string[]; record: NamespaceRecord } {
  const ns = created.namespace;
  const events: DomainEvent[] = [];
  const streams: string[] = [];

  const associations: AssociationEntry[] = [];
  const associated = new Set<string>();
  for (const association of input.resource_type_associations ?? []) {
    const entry = associationEntry(association, now);
    assertNoFourByteCharacters('create', 'namespace', associationFourByteFields(entry));
    if (associated.has(entry.name)) {
      throw new AssociationDuplicateError(entry.name, ns);
    }
    associated.add(entry.name);
    // A resource type appears once in the body, so no earlier event of this commit creates it.
    events.push(...resourceTypeCreation(view, entry.name, now, []));
    streams.push(resourceTypeStream(entry.name));
    events.push(new ResourceTypeAssociatedEvent(associationPayload(ns, entry)));
    associations.push(entry);
  }

  const objects: ObjectEntry[] = [];
  const objectNames = new Set<string>();
  for (const object of input.objects ?? []) {
    const entry = objectEntry(object, now, now);
    assertNoFourByteCharacters('create', 'namespace', objectFourByteFields(object));
    if (objectNames.has(entry.name)) {
      throw new ObjectDuplicateError(entry.name, ns);
    }
    objectNames.add(entry.name);
    events.push(
      new ObjectCreatedEvent(objectPayload(ns, entry, { requiredAsSent: object.required ?? null })),
    );
    objects.push(entry);
  }

  const tags: TagEntry[] = [];
  const tagNames = new Set<string>();
  for (const tag of input.tags ?? []) {
    assertNoFourByteCharacters('create', 'namespace', { name: tag.name });
    if (tagNames.has(tag.name)) {
      throw new TagDuplicateError(tag.name, ns);
    }
    tagNames.add(tag.name);
    const entry: TagEntry = { name: tag.name, created_at: now, updated_at: now, seq: 0 };
    events.push(new TagCreatedEvent(tagPayload(ns, entry)));
    tags.push(entry);
  }

  const properties = mapToDefinitions(input.properties);
  for (const property of properties) {
    assertNoFourByteCharacters('create', 'namespace', {
      name: property.name,
      json_schema: property.definition as JsonObject,
    });
    events.push(new PropertyCreatedEvent(propertyPayload(ns, property.name, property.definition)));
  }

  const record: NamespaceRecord = {
    ...created,
    resource_type_associations: associations,
    objects,
    tags,
    properties,
  };
  return { events, streams, record };
}

/**
 * The event that adds a resource type to the global list, when neither the catalog nor an
 * earlier event of the same commit has it.
 */
export function resourceTypeCreation(
  view: CatalogView,
  name: string,
  now: string,
  pending: readonly DomainEvent[],
  seeded = false,
): DomainEvent[] {
  const pendingCreate = pending.some(
    (event) => event instanceof ResourceTypeCreatedEvent && event.data.name === name,
  );
  if (view.resourceType(name) || pendingCreate) {
    return [];
  }
  return [
    new ResourceTypeCreatedEvent({
      name,
      protected: seeded,
      created_at: now,
      updated_at: seeded ? null : now,
    }),
  ];
}

/** Builds the association entry stored for `input`, created and last updated at `now`. */
export function associationEntry(input: AssociationInput, now: string): AssociationEntry {
  return {
    name: input.name,
    prefix: input.prefix ?? null,
    properties_target: input.properties_target ?? null,
    created_at: now,
    updated_at: now,
  };
}

/** Returns the stored fields of an association that Glance checks for 4-byte characters. */
export function associationFourByteFields(entry: AssociationEntry): Record<string, string | null> {
  return {
    name: entry.name,
    prefix: entry.prefix,
    properties_target: entry.properties_target,
  };
}

/**
 * Builds the object entry stored for `input`. An omitted description becomes null, and omitted
 * `required` and `properties` become empty.
 */
export function objectEntry(input: ObjectInput, createdAt: string, updatedAt: string): ObjectEntry {
  return {
    name: input.name,
    description: input.description ?? null,
    required: input.required ?? [],
    properties: mapToDefinitions(input.properties),
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

/** The stored fields of an object that Glance checks for 4-byte characters. */
export function objectFourByteFields(object: {
  name: string;
  description?: string;
  required?: readonly string[];
  properties?: JsonObject;
}): Record<string, string | JsonObject | null> {
  return {
    name: object.name,
    description: object.description ?? null,
    required: object.required ? object.required.join(',') : null,
    json_schema: object.properties ?? {},
  };
}
