import { AssociationEntry } from '../domain/namespace.types';

/** The fields Glance sends in `metadef_resource_type.*` notifications. */
export interface AssociationPayload {
  readonly namespace: string;
  readonly name: string;
  readonly name_old: string;
  readonly prefix: string | null;
  readonly properties_target: string | null;
  readonly created_at: string;
  readonly updated_at: string | null;
  readonly deleted: boolean;
  readonly deleted_at: string | null;
}

export function associationPayload(
  namespace: string,
  association: AssociationEntry,
  options: { deletedAt?: string } = {},
): AssociationPayload {
  return {
    namespace,
    name: association.name,
    name_old: association.name,
    prefix: association.prefix,
    properties_target: association.properties_target,
    created_at: association.created_at,
    updated_at: association.updated_at,
    deleted: options.deletedAt !== undefined,
    deleted_at: options.deletedAt ?? null,
  };
}
