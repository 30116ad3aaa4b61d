import { knownEventTypes } from '@metadefs/catalog';

/**
 * Classifies commits as applied or voided by the rule docs/consistency.md gives outside
 * consumers. It is written from the documentation alone, so a test can hold it against the
 * catalog's fold. Returns each complete commit's id with `true` when it applied.
 */
export function classifyCommits(records: ReadonlyArray<{ value: any }>): Map<string, boolean> {
  const known = new Set(knownEventTypes());
  const versions = new Map<string, number>();
  const outcomes = new Map<string, boolean>();
  let open: { id: string; expected: Record<string, number>; events: any[] } | undefined;

  for (const { value: envelope } of records) {
    if (typeof envelope !== 'object' || envelope === null || !known.has(envelope.type)) continue;
    if (open && envelope.commitid !== open.id) open = undefined;
    if ((open?.events.length ?? 0) !== envelope.commitindex) continue;
    open ??= { id: envelope.commitid, expected: JSON.parse(envelope.expectedversions), events: [] };
    open.events.push(envelope);
    if (open.events.length < envelope.commitsize) continue;

    const commit = open;
    open = undefined;
    const applied = Object.entries(commit.expected).every(
      ([stream, version]) => (versions.get(stream) ?? 0) === version,
    );
    outcomes.set(commit.id, applied);
    if (!applied) continue;
    const touched = new Set(Object.keys(commit.expected));
    for (const event of commit.events) {
      if (event.type.startsWith('org.openstack.metadefs.resource_type.')) {
        touched.add(`resource_type:${event.data.name}`);
      } else {
        touched.add(`namespace:${event.data.namespace}`);
        if (event.data.namespace_old !== undefined)
          touched.add(`namespace:${event.data.namespace_old}`);
      }
    }
    for (const stream of touched) versions.set(stream, (versions.get(stream) ?? 0) + 1);
  }
  return outcomes;
}
