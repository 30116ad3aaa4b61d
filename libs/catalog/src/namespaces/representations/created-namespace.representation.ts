import { JsonObject } from '../../shared/domain/json';
import { NamespaceInput } from '../domain/namespace.inputs';
import { NamespaceRecord } from '../domain/namespace.types';
import { namespaceSummary } from './namespace.representation';

/**
 * The namespace create response: the summary plus every collection the request embedded, even
 * an empty one, echoed as stored: associations without timestamps, objects with only the keys
 * sent, tags as names, properties normalised.
 */
export function createdNamespaceView(input: NamespaceInput, record: NamespaceRecord): JsonObject {
  const view = namespaceSummary(record);
  if (input.resource_type_associations !== undefined) {
    view.resource_type_associations = input.resource_type_associations.map((association) => ({
      ...association,
    }));
  }
  if (input.properties !== undefined) {
    view.properties = input.properties;
  }
  if (input.objects !== undefined) {
    view.objects = input.objects.map((object) => {
      const item: JsonObject = { name: object.name };
      if (object.description !== undefined) item.description = object.description;
      if (object.required !== undefined) item.required = [...object.required];
      if (object.properties !== undefined) item.properties = object.properties;
      return item;
    });
  }
  if (input.tags !== undefined) {
    view.tags = input.tags.map((tag) => ({ name: tag.name }));
  }
  return view;
}
