import { JsonObject, JsonValue, isJsonObject } from './json';
import { formatPythonNumber } from './python-format';

/**
 * A property definition as stored: a flat subset of JSON Schema (`title`, `type`, `enum`,
 * `default`, limits, `items`, ...), possibly with a `name` key of its own.
 */
export type PropertyDefinition = Readonly<JsonObject>;

/** A named property definition; maps of definitions are stored as lists of these. */
export interface PropertyEntry {
  readonly name: string;
  readonly definition: PropertyDefinition;
}

const INTEGER_KEYS = ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'];

/**
 * Applies Glance's typed model to a definition, as it does before storing and again before
 * serving: `default` becomes a string (numbers in Python's formatting, booleans as
 * `True`/`False`, other non-strings as null), integer limits are truncated toward zero, and
 * `items` keeps only `type` and `enum`. Keys that are absent stay absent.
 */
export function normalizeDefinition(definition: JsonObject): JsonObject {
  const normalized: JsonObject = {};
  for (const [key, value] of Object.entries(definition)) {
    normalized[key] = normalizeValue(key, value);
  }
  return normalized;
}

function normalizeValue(key: string, value: JsonValue): JsonValue {
  if (key === 'default') {
    return normalizeDefault(value);
  }
  if (INTEGER_KEYS.includes(key) && typeof value === 'number') {
    return Math.trunc(value) || 0;
  }
  if (key === 'items' && isJsonObject(value)) {
    const items: JsonObject = {};
    if ('type' in value) items.type = value.type;
    if ('enum' in value) items.enum = value.enum;
    return items;
  }
  return value;
}

function normalizeDefault(value: JsonValue): JsonValue {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatPythonNumber(value);
    case 'boolean':
      return value ? 'True' : 'False';
    default:
      return null;
  }
}

/** Turns a stored list of definitions into the name-keyed map the API returns. */
export function definitionsToMap(entries: readonly PropertyEntry[]): JsonObject {
  const map: JsonObject = {};
  for (const entry of entries) {
    map[entry.name] = entry.definition as JsonObject;
  }
  return map;
}

/** Turns a name-keyed map of definitions into the stored list, in key order. */
export function mapToDefinitions(map: JsonObject | undefined | null): PropertyEntry[] {
  if (!map) return [];
  return Object.entries(map).map(([name, definition]) => ({
    name,
    definition: isJsonObject(definition) ? definition : {},
  }));
}

/** Entries in name order, by code unit as Glance's database returns them. */
export function sortedByName<T extends { readonly name: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
