import { CatalogView } from '../shared/domain/catalog-view';
import { Decision, namespaceStream, resourceTypeStream } from '../shared/domain/decision';
import { DomainEvent } from '../shared/domain/domain-event';
import { JsonObject } from '../shared/domain/json';
import { PropertyEntry, mapToDefinitions } from '../shared/domain/property-definition';
import { isoTime } from '../shared/domain/timestamps';
import { NamespaceRecord } from '../namespaces/domain/namespace.types';
import {
  NamespaceCreatedEvent,
  NamespaceDeletedEvent,
  NamespaceUpdatedEvent,
  ObjectCreatedEvent,
  ObjectUpdatedEvent,
  PropertyCreatedEvent,
  PropertyUpdatedEvent,
  ResourceTypeAssociatedEvent,
  ResourceTypeAssociationUpdatedEvent,
  TagCreatedEvent,
  TagUpdatedEvent,
  associationPayload,
  namespacePayload,
  objectPayload,
  propertyPayload,
  tagPayload,
} from '../namespaces/events';
import {
  ResourceTypeCreatedEvent,
  ResourceTypeDeletedEvent,
  ResourceTypeUpdatedEvent,
} from '../resource-types/events';
import { CatalogFile } from './catalog-file';

/**
 * How a load treats namespaces that already exist: `plain` skips them, `merge` adds missing
 * children, `prefer_new` also overwrites existing rows from the file, `overwrite` deletes the
 * namespace and loads it afresh.
 */
export type LoadMode = 'plain' | 'merge' | 'prefer_new' | 'overwrite';

/** What loading one file did. */
export type LoadOutcome = 'created' | 'merged' | 'replaced' | 'skipped';

/**
 * Loads one catalog file as one commit, with the semantics of `glance-manage db_load_metadefs`:
 * rows the loader inserts get `updated_at` null and definitions stored verbatim, resource types
 * it creates are marked protected, and nothing that exists is removed except by `overwrite`.
 */
export function decideLoadFile(
  view: CatalogView,
  file: CatalogFile,
  mode: LoadMode,
  instant: Date,
): Decision<LoadOutcome> {
  const now = isoTime(instant);
  const existing = view.namespace(file.namespace);
  if (existing && mode === 'plain') {
    return { events: [], streams: [], result: 'skipped' };
  }

  const events: DomainEvent[] = [];
  const streams = [namespaceStream(file.namespace)];
  let current: NamespaceRecord | undefined = existing;
  let outcome: LoadOutcome = 'created';

  if (existing && mode === 'overwrite') {
    events.push(new NamespaceDeletedEvent(namespacePayload(existing, { deletedAt: now })));
    current = undefined;
    outcome = 'replaced';
  } else if (existing) {
    outcome = 'merged';
  }
  if (!current) {
    events.push(new NamespaceCreatedEvent(namespacePayload(newNamespace(file, now))));
  } else if (mode === 'prefer_new') {
    const updated: NamespaceRecord = { ...current, ...ownFields(file), updated_at: now };
    events.push(new NamespaceUpdatedEvent(namespacePayload(updated)));
  }

  const context: ChildContext = {
    view,
    file,
    current,
    preferNew: mode === 'prefer_new',
    now,
    events,
    streams,
  };
  loadAssociations(context);
  loadProperties(context);
  loadObjects(context);
  loadTags(context);
  return { events, streams, result: outcome };
}

interface ChildContext {
  readonly view: CatalogView;
  readonly file: CatalogFile;
  /** The namespace as it was before this load, unless the load creates it. */
  readonly current: NamespaceRecord | undefined;
  readonly preferNew: boolean;
  readonly now: string;
  readonly events: DomainEvent[];
  readonly streams: string[];
}

function loadAssociations(context: ChildContext): void {
  const { view, file, current, preferNew, now, events, streams } = context;
  const seen = new Set<string>();
  for (const association of file.resource_type_associations) {
    if (seen.has(association.name)) continue;
    seen.add(association.name);
    streams.push(resourceTypeStream(association.name));

    const type = view.resourceType(association.name);
    if (!type) {
      events.push(
        new ResourceTypeCreatedEvent({
          name: association.name,
          protected: true,
          created_at: now,
          updated_at: null,
        }),
      );
    } else if (preferNew) {
      events.push(
        new ResourceTypeUpdatedEvent({
          name: type.name,
          protected: type.protected,
          created_at: type.created_at,
          updated_at: now,
        }),
      );
    }

    const present = current?.resource_type_associations.find(
      (entry) => entry.name === association.name,
    );
    const entry = {
      name: association.name,
      prefix: association.prefix,
      properties_target: association.properties_target,
    };
    if (!present) {
      events.push(
        new ResourceTypeAssociatedEvent(
          associationPayload(file.namespace, { ...entry, created_at: now, updated_at: null }),
        ),
      );
    } else if (preferNew) {
      events.push(
        new ResourceTypeAssociationUpdatedEvent(
          associationPayload(file.namespace, {
            ...entry,
            created_at: present.created_at,
            updated_at: now,
          }),
        ),
      );
    }
  }
}

function loadProperties(context: ChildContext): void {
  const { file, current, preferNew, events } = context;
  for (const property of mapToDefinitions(file.properties)) {
    const present = current?.properties.some((entry) => entry.name === property.name);
    if (!present) {
      events.push(
        new PropertyCreatedEvent(
          propertyPayload(file.namespace, property.name, property.definition),
        ),
      );
    } else if (preferNew) {
      const payload = propertyPayload(file.namespace, property.name, property.definition, {
        nameOld: property.name,
      });
      events.push(new PropertyUpdatedEvent(payload));
    }
  }
}

function loadObjects(context: ChildContext): void {
  const { file, current, preferNew, now, events } = context;
  const seen = new Set<string>();
  for (const object of file.objects) {
    if (seen.has(object.name)) continue;
    seen.add(object.name);
    const present = current?.objects.find((entry) => entry.name === object.name);
    const properties: PropertyEntry[] = mapToDefinitions(object.properties as JsonObject);
    const entry = {
      name: object.name,
      description: object.description,
      required: object.required,
      properties,
    };
    if (!present) {
      const payload = objectPayload(file.namespace, {
        ...entry,
        created_at: now,
        updated_at: null,
      });
      events.push(new ObjectCreatedEvent(payload));
    } else if (preferNew) {
      const payload = objectPayload(file.namespace, {
        ...entry,
        created_at: present.created_at,
        updated_at: now,
      });
      events.push(new ObjectUpdatedEvent(payload));
    }
  }
}

function loadTags(context: ChildContext): void {
  const { file, current, preferNew, now, events } = context;
  const seen = new Set<string>();
  for (const name of file.tags) {
    if (seen.has(name)) continue;
    seen.add(name);
    const present = current?.tags.find((entry) => entry.name === name);
    if (!present) {
      events.push(
        new TagCreatedEvent(
          tagPayload(file.namespace, { name, created_at: now, updated_at: null }),
        ),
      );
    } else if (preferNew) {
      events.push(new TagUpdatedEvent(tagPayload(file.namespace, { ...present, updated_at: now })));
    }
  }
}

function ownFields(file: CatalogFile) {
  return {
    namespace: file.namespace,
    display_name: file.display_name,
    description: file.description,
    visibility: file.visibility,
    protected: file.protected,
    owner: file.owner,
  };
}

function newNamespace(file: CatalogFile, now: string): NamespaceRecord {
  return {
    seq: 0,
    ...ownFields(file),
    created_at: now,
    updated_at: null,
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
  };
}

/** Counts of one unload commit: the entities it deleted and those left for the next one. */
export interface UnloadBatch {
  readonly namespaces: number;
  readonly resourceTypes: number;
  readonly remaining: number;
}

/**
 * Entities one unload commit deletes at most. Each deletion is one event of about a kilobyte,
 * so a batch stays far below the size limit of a commit however large the catalog grows.
 */
export const UNLOAD_BATCH_SIZE = 500;

/**
 * Empties the catalog as `db_unload_metadefs` does, one batch per commit: every namespace with
 * its children first, then every resource type, API-created ones included. Resource types go
 * only once no namespace is left, so no batch deletes a type an association still names.
 * No notifications.
 */
export function decideUnload(
  view: CatalogView,
  instant: Date,
  batchSize = UNLOAD_BATCH_SIZE,
): Decision<UnloadBatch> {
  const now = isoTime(instant);
  const events: DomainEvent[] = [];
  const streams: string[] = [];
  let namespaces = 0;
  let resourceTypes = 0;
  let remaining = 0;
  for (const record of view.namespaces()) {
    if (events.length >= batchSize) {
      remaining += 1;
      continue;
    }
    events.push(new NamespaceDeletedEvent(namespacePayload(record, { deletedAt: now })));
    streams.push(namespaceStream(record.namespace));
    namespaces += 1;
  }
  for (const type of view.resourceTypes()) {
    if (remaining > 0 || events.length >= batchSize) {
      remaining += 1;
      continue;
    }
    events.push(
      new ResourceTypeDeletedEvent({
        name: type.name,
        protected: type.protected,
        created_at: type.created_at,
        updated_at: type.updated_at,
      }),
    );
    streams.push(resourceTypeStream(type.name));
    resourceTypes += 1;
  }
  return { events, streams, result: { namespaces, resourceTypes, remaining } };
}
