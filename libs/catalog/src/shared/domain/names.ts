/**
 * The one name no catalog entity may have. Names become keys of JSON objects in responses
 * and read models, and in JavaScript this key sets an object's prototype instead.
 */
export const RESERVED_NAME = '__proto__';

/** A way a name breaks the rules that make it addressable and storable. */
export type NameProblem = 'empty' | 'slash' | 'reserved';

/**
 * Finds the first rule a name breaks: it is empty, contains `/` (no route could reach it), or
 * is `RESERVED_NAME`. Length limits differ by caller and are checked there.
 */
export function findNameProblem(name: string): NameProblem | undefined {
  if (name.length === 0) return 'empty';
  if (name.includes('/')) return 'slash';
  if (name === RESERVED_NAME) return 'reserved';
  return undefined;
}
