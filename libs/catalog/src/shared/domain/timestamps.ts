/**
 * Formats an instant the way Glance renders timestamps: UTC, whole seconds and a literal `Z`,
 * for example `2014-08-28T17:13:06Z`.
 */
export function isoTime(instant: Date): string {
  return instant.toISOString().slice(0, 19) + 'Z';
}
