import { JsonObject, setOwnKey } from '../../shared/domain/json';
import { definitionsToMap, sortedByName } from '../../shared/domain/property-definition';
import { NamespaceRecord, effectiveVisibility, isProtected } from '../domain/namespace.types';
import { associationView } from './association.representation';
import { objectView } from './object.representation';
import { tagsNewestFirst } from './tag.representation';

export const NAMESPACE_SCHEMA_LINK = '/v2/schemas/metadefs/namespace';
export const NAMESPACES_SCHEMA_LINK = '/v2/schemas/metadefs/namespaces';

/** The path of a namespace, with its name inserted as is, as Glance writes links. */
export function namespaceLink(name: string): string {
  return `/v2/metadefs/namespaces/${name}`;
}

type NamespaceFields = Pick<
  NamespaceRecord,
  | 'namespace'
  | 'display_name'
  | 'description'
  | 'visibility'
  | 'protected'
  | 'owner'
  | 'created_at'
  | 'updated_at'
>;

/** A namespace's own fields: nulls omitted, missing visibility and protection defaulted. */
export function namespaceSummary(record: NamespaceFields): JsonObject {
  const view: JsonObject = { namespace: record.namespace };
  if (record.display_name !== null) view.display_name = record.display_name;
  if (record.description !== null) view.description = record.description;
  view.visibility = effectiveVisibility(record);
  view.protected = isProtected(record);
  view.owner = record.owner;
  view.created_at = record.created_at;
  if (record.updated_at !== null) view.updated_at = record.updated_at;
  view.self = namespaceLink(record.namespace);
  view.schema = NAMESPACE_SCHEMA_LINK;
  return view;
}

/** A namespace list item: the summary plus its associations when it has any. */
export function namespaceListItem(record: NamespaceRecord): JsonObject {
  const view = namespaceSummary(record);
  if (record.resource_type_associations.length > 0) {
    view.resource_type_associations = record.resource_type_associations.map(associationView);
  }
  return view;
}

/**
 * The namespace detail: the summary plus associations, properties, objects and tags, each only
 * when non-empty. Properties and objects come in name order and tags newest first, as Glance
 * returns them. With a prefix, property keys and object `required` entries get it prepended.
 */
export function namespaceDetail(record: NamespaceRecord, prefix?: string): JsonObject {
  const view = namespaceSummary(record);
  if (record.resource_type_associations.length > 0) {
    view.resource_type_associations = record.resource_type_associations.map(associationView);
  }
  if (record.properties.length > 0) {
    view.properties = prefixKeys(definitionsToMap(sortedByName(record.properties)), prefix);
  }
  if (record.objects.length > 0) {
    view.objects = sortedByName(record.objects).map((object) => {
      const item = objectView(record.namespace, object);
      if (!prefix) return item;
      return {
        ...item,
        properties: prefixKeys(item.properties as JsonObject, prefix),
        required: (item.required as string[]).map((name) => prefix + name),
      };
    });
  }
  if (record.tags.length > 0) {
    view.tags = tagsNewestFirst(record.tags).map((tag) => ({ name: tag.name }));
  }
  return view;
}

/** Copies `map` with `prefix` before every key, which can spell `__proto__`. */
function prefixKeys(map: JsonObject, prefix: string | undefined): JsonObject {
  if (!prefix) return map;
  const prefixed: JsonObject = {};
  for (const [key, value] of Object.entries(map)) setOwnKey(prefixed, prefix + key, value);
  return prefixed;
}
