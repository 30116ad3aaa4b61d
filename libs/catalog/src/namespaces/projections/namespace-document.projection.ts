import { JsonObject } from '../../shared/domain/json';
import { PropertyEntry, normalizeDefinition } from '../../shared/domain/property-definition';
import { NamespaceDocument } from '../../read-model/documents';
import { NamespaceRecord, effectiveVisibility, isProtected } from '../domain/namespace.types';

/**
 * Builds the read-model document of a namespace. Definitions are normalised here, once per
 * change, because the loader stores them verbatim and Glance serves them through its model.
 */
export function toNamespaceDocument(record: NamespaceRecord, position: number): NamespaceDocument {
  return {
    _id: record.seq,
    position,
    namespace: record.namespace,
    display_name: record.display_name,
    description: record.description,
    visibility: record.visibility,
    protected: record.protected,
    owner: record.owner,
    created_at: record.created_at,
    updated_at: record.updated_at,
    resource_type_associations: record.resource_type_associations,
    properties: record.properties.map(normalizedEntry),
    objects: record.objects.map((object) => ({
      ...object,
      properties: object.properties.map(normalizedEntry),
    })),
    tags: record.tags,
    visibility_effective: effectiveVisibility(record),
    protected_effective: isProtected(record),
    sort_display_name: record.display_name ?? '',
    sort_description: record.description ?? '',
    sort_updated_at: record.updated_at ?? '',
  };
}

/**
 * Entries are immutable and shared between successive records of a namespace, so each one is
 * normalised once, not on every change to its namespace.
 */
const normalized = new WeakMap<PropertyEntry, PropertyEntry>();

function normalizedEntry(entry: PropertyEntry): PropertyEntry {
  let result = normalized.get(entry);
  if (!result) {
    result = { name: entry.name, definition: normalizeDefinition(entry.definition as JsonObject) };
    normalized.set(entry, result);
  }
  return result;
}
