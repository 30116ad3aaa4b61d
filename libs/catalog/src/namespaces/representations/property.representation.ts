import { JsonObject } from '../../shared/domain/json';
import { PropertyDefinition } from '../../shared/domain/property-definition';

/** A property on its own: the stored definition with `name` set to the stored name. */
export function propertyView(name: string, definition: PropertyDefinition): JsonObject {
  return { ...(definition as JsonObject), name };
}
