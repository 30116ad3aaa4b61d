import { JsonObject, JsonValue } from '../../shared/domain/json';
import { definitionsToMap } from '../../shared/domain/property-definition';
import { ObjectInput } from '../domain/namespace.inputs';
import { ObjectEntry } from '../domain/namespace.types';

export const OBJECT_SCHEMA_LINK = '/v2/schemas/metadefs/object';

/** The object list's `schema` link; Glance writes it without the leading slash. */
export const OBJECTS_SCHEMA_LINK = 'v2/schemas/metadefs/objects';

export function objectLink(namespace: string, name: string): string {
  return `/v2/metadefs/namespaces/${namespace}/objects/${name}`;
}

/** An object as reads show it: `required` and `properties` always present. */
export function objectView(namespace: string, object: ObjectEntry): JsonObject {
  const view: JsonObject = { name: object.name };
  if (object.description !== null) view.description = object.description;
  view.required = [...object.required];
  view.properties = definitionsToMap(object.properties);
  view.created_at = object.created_at;
  if (object.updated_at !== null) view.updated_at = object.updated_at;
  view.self = objectLink(namespace, object.name);
  view.schema = OBJECT_SCHEMA_LINK;
  return view;
}

/**
 * An object as create and update responses show it: built from the request, so `description`,
 * `required` and `properties` appear only when the request had them.
 */
export function writtenObjectView(namespace: string, input: ObjectInput, object: ObjectEntry): JsonObject {
  const view: JsonObject = { name: object.name };
  if (input.description !== undefined) view.description = input.description;
  if (input.required !== undefined) view.required = [...input.required];
  if (input.properties !== undefined) view.properties = input.properties as JsonValue;
  view.created_at = object.created_at;
  view.updated_at = object.updated_at;
  view.self = objectLink(namespace, object.name);
  view.schema = OBJECT_SCHEMA_LINK;
  return view;
}
