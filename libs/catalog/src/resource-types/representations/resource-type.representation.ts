import { JsonObject } from '../../shared/domain/json';
import { ResourceTypeRecord } from '../domain/resource-type.types';

/** A resource type in the global list: name and timestamps, `updated_at` omitted when null. */
export function resourceTypeView(type: Pick<ResourceTypeRecord, 'name' | 'created_at' | 'updated_at'>): JsonObject {
  const view: JsonObject = { name: type.name, created_at: type.created_at };
  if (type.updated_at !== null) view.updated_at = type.updated_at;
  return view;
}
