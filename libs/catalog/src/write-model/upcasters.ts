/**
 * Turns an event of an older schema version into the current one, as it is read. Every event
 * type is at version 1 so far, so the table is empty; when a type's data changes shape, its
 * new version gets a new type string and the old one an entry here, and old logs stay readable.
 */
export type Upcaster = (data: unknown) => { type: string; data: unknown };

const UPCASTERS = new Map<string, Upcaster>();

/** Registers how to read an older event type; used by tests and by future schema changes. */
export function registerUpcaster(olderType: string, upcaster: Upcaster): void {
  UPCASTERS.set(olderType, upcaster);
}

/** Upcasts repeatedly until the type has no upcaster left, so v1 → v2 → v3 chains work. */
export function upcast(type: string, data: unknown): { type: string; data: unknown } | undefined {
  let current = { type, data };
  const seen = new Set<string>();
  for (let step = UPCASTERS.get(current.type); step; step = UPCASTERS.get(current.type)) {
    if (seen.has(current.type)) return undefined;
    seen.add(current.type);
    current = step(current.data);
  }
  return current;
}
