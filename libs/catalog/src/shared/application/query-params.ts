import { InvalidInputError } from '../domain/catalog-error';
import { Messages } from '../domain/messages';

/** Query parameters as ordered name/value pairs, repeated names included. */
export type QueryPairs = readonly (readonly [string, string])[];

/** The value of the last occurrence of a parameter; later occurrences override earlier ones. */
export function lastValue(pairs: QueryPairs, name: string): string | undefined {
  for (let index = pairs.length - 1; index >= 0; index -= 1) {
    if (pairs[index][0] === name) return pairs[index][1];
  }
  return undefined;
}

/**
 * Keeps only the first occurrence of each parameter. The namespace list processes repeated
 * parameters by their first value, as Glance does.
 */
export function firstOccurrences(pairs: QueryPairs): QueryPairs {
  const seen = new Set<string>();
  return pairs.filter(([name]) => {
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

/** Validates `sort_dir`: `asc` or `desc`, defaulting to `desc`. */
export function sortDirection(pairs: QueryPairs): 'asc' | 'desc' {
  const value = lastValue(pairs, 'sort_dir');
  if (value === undefined) return 'desc';
  if (value !== 'asc' && value !== 'desc') {
    throw new InvalidInputError(Messages.INVALID_SORT_DIR, { value });
  }
  return value;
}

/** Validates `visibility` against the values a route accepts. */
export function visibilityFilter(
  pairs: QueryPairs,
  allowed: readonly string[],
): string | undefined {
  const value = lastValue(pairs, 'visibility');
  if (value !== undefined && !allowed.includes(value)) {
    throw new InvalidInputError(Messages.INVALID_VISIBILITY, { value });
  }
  return value;
}

/** Parses an integer `limit`; undefined when absent. */
export function integerLimit(pairs: QueryPairs): number | undefined {
  const value = lastValue(pairs, 'limit');
  if (value === undefined) return undefined;
  if (!/^\s*[-+]?\d+\s*$/.test(value)) {
    throw new InvalidInputError(Messages.LIMIT_NOT_INTEGER);
  }
  return Number(value);
}
