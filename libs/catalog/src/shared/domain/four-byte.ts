import { CatalogMessage, InvalidInputError } from './catalog-error';
import { JsonValue, isJsonObject } from './json';
import { Messages } from './messages';

/** What is being written, as the message `Couldn't create metadata <kind>` names it. */
export type MetadataKind = 'namespace' | 'object' | 'property' | 'tag' | 'resource_type';

const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;

/** Whether a string holds a code point outside the Basic Multilingual Plane. */
export function hasFourByteCharacters(text: string): boolean {
  return ASTRAL.test(text);
}

/**
 * Finds the first stored string that contains a 4-byte UTF-8 character, walking objects (their
 * keys and values) but not the items of arrays, as Glance's check does. Returns the reason, or
 * undefined when the values are clean. Keys of nested objects are reported as property names.
 */
export function findFourByteReason(
  values: Readonly<Record<string, JsonValue | undefined>>,
): CatalogMessage | undefined {
  for (const [field, value] of Object.entries(values)) {
    const reason = inspect(field, value, false);
    if (reason) return reason;
  }
  return undefined;
}

function inspect(field: string, value: JsonValue | undefined, nested: boolean): CatalogMessage | undefined {
  if (nested && hasFourByteCharacters(field)) {
    return { key: Messages.KEY_HAS_4_BYTE_CHARACTERS };
  }
  if (typeof value === 'string' && hasFourByteCharacters(value)) {
    return { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: titleCase(field) } };
  }
  if (isJsonObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const reason = inspect(key, inner, true);
      if (reason) return reason;
    }
  }
  return undefined;
}

/** Python's `str.title()` for field names: `display_name` → `Display_Name`. */
function titleCase(field: string): string {
  return field.replace(/[A-Za-z]+/g, (word) => word[0].toUpperCase() + word.slice(1).toLowerCase());
}

/**
 * Rejects a write whose values contain 4-byte characters with
 * `Couldn't create|update metadata <kind>: <reason>`.
 */
export function assertNoFourByteCharacters(
  operation: 'create' | 'update',
  kind: MetadataKind,
  values: Readonly<Record<string, JsonValue | undefined>>,
): void {
  const reason = findFourByteReason(values);
  if (!reason) return;
  const key = operation === 'create' ? Messages.COULD_NOT_CREATE : Messages.COULD_NOT_UPDATE;
  throw new InvalidInputError(key, { kind: { key: `kinds.${kind}` }, reason });
}
