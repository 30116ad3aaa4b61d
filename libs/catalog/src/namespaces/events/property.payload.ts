import { JsonObject, JsonValue } from '../../shared/domain/json';
import { PropertyDefinition } from '../../shared/domain/property-definition';

/**
 * The definition fields that Glance copies into `metadef_property.*` notifications and into each
 * property of `metadef_object.*` ones (glance/notifier.py, Glance 25.1).
 */
export const NOTIFIED_PROPERTY_FIELDS = [
  'type',
  'title',
  'description',
  'default',
  'minimum',
  'maximum',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'confidential',
  'items',
  'uniqueItems',
  'minItems',
  'maxItems',
  'additionalItems',
] as const;

/**
 * The fields Glance sends in `metadef_property.*` notifications (absent keys as null), plus
 * `definition`: the exact stored definition, `operators` and `readonly` included.
 */
export type PropertyPayload = Record<(typeof NOTIFIED_PROPERTY_FIELDS)[number], JsonValue> & {
  readonly namespace: string;
  readonly name: string;
  readonly name_old: string;
  readonly deleted: boolean;
  readonly deleted_at: string | null;
  readonly definition: PropertyDefinition;
};

export function propertyPayload(
  namespace: string,
  name: string,
  definition: PropertyDefinition,
  options: { nameOld?: string; deletedAt?: string } = {},
): PropertyPayload {
  const fields: Record<string, JsonValue> = {};
  for (const field of NOTIFIED_PROPERTY_FIELDS) {
    fields[field] = (definition as JsonObject)[field] ?? null;
  }
  return {
    namespace,
    name,
    name_old: options.nameOld ?? name,
    ...fields,
    deleted: options.deletedAt !== undefined,
    deleted_at: options.deletedAt ?? null,
    definition,
  } as PropertyPayload;
}
