import { JsonObject } from '../../shared/domain/json';
import { AssociationEntry } from '../domain/namespace.types';

/** An association: null `prefix`, `properties_target` and `updated_at` are omitted. */
export function associationView(association: AssociationEntry): JsonObject {
  const view: JsonObject = { name: association.name };
  if (association.prefix !== null) view.prefix = association.prefix;
  if (association.properties_target !== null) view.properties_target = association.properties_target;
  view.created_at = association.created_at;
  if (association.updated_at !== null) view.updated_at = association.updated_at;
  return view;
}
