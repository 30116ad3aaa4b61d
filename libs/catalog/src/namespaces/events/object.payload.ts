import { JsonObject, JsonValue } from '../../shared/domain/json';
import { PropertyEntry } from '../../shared/domain/property-definition';
import { ObjectEntry } from '../domain/namespace.types';
import { NOTIFIED_PROPERTY_FIELDS } from './property.payload';

/**
 * One object property in Glance's `metadef_object.*` form: every field present, and every
 * falsy value (`0`, `false`, `""`, `[]`) replaced by null, as Glance does.
 */
export type NotifiedObjectProperty = Record<
  'name' | (typeof NOTIFIED_PROPERTY_FIELDS)[number],
  JsonValue
>;

/**
 * The fields Glance sends in `metadef_object.*` notifications, plus `property_definitions`: the
 * exact stored definitions, which the lossy `properties` list cannot give back.
 */
export interface ObjectPayload {
  readonly namespace: string;
  readonly name: string;
  readonly name_old: string;
  readonly properties: readonly NotifiedObjectProperty[];
  readonly required: readonly string[] | null;
  readonly description: string | null;
  readonly created_at: string;
  readonly updated_at: string | null;
  readonly deleted: boolean;
  readonly deleted_at: string | null;
  readonly property_definitions: readonly PropertyEntry[];
}

export function objectPayload(
  namespace: string,
  object: ObjectEntry,
  options: { nameOld?: string; deletedAt?: string; requiredAsSent?: readonly string[] | null } = {},
): ObjectPayload {
  return {
    namespace,
    name: object.name,
    name_old: options.nameOld ?? object.name,
    properties: object.properties.map(notifiedObjectProperty),
    required: options.requiredAsSent !== undefined ? options.requiredAsSent : object.required,
    description: object.description,
    created_at: object.created_at,
    updated_at: object.updated_at,
    deleted: options.deletedAt !== undefined,
    deleted_at: options.deletedAt ?? null,
    property_definitions: object.properties,
  };
}

function notifiedObjectProperty(entry: PropertyEntry): NotifiedObjectProperty {
  const definition = entry.definition as JsonObject;
  const notified = { name: entry.name } as NotifiedObjectProperty;
  for (const field of NOTIFIED_PROPERTY_FIELDS) {
    const value = definition[field];
    notified[field] = isFalsy(value) ? null : value;
  }
  return notified;
}

function isFalsy(value: JsonValue | undefined): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}
