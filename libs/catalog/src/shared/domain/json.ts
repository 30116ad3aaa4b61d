/** A value that JSON can represent. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Maximum nesting depth of arrays and objects in a document. Catalog documents need about eight. */
export const MAX_JSON_DEPTH = 32;

/** Matches a UTF-16 surrogate that is not half of a pair, which `\ud800` escapes can produce. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** A problem that `JSON.parse` accepts but the catalog cannot store. */
export type JsonProblem = 'too_deep' | 'lone_surrogate';

/**
 * Finds the first problem of a parsed JSON document: nesting deeper than `MAX_JSON_DEPTH`, or
 * a string or key holding an unpaired surrogate, which no UTF-8 store can keep as text.
 */
export function findJsonProblem(value: unknown, depth = 1): JsonProblem | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? 'lone_surrogate' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_JSON_DEPTH) return 'too_deep';
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findJsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (LONE_SURROGATE.test(key)) return 'lone_surrogate';
    const problem = findJsonProblem((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Sets `key` on `object` as an own enumerable property. Plain assignment would set the
 * prototype instead when the key is `__proto__`, which a prefix or a body can produce.
 */
export function setOwnKey(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
