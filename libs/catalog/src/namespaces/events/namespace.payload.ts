import { NamespaceRecord } from '../domain/namespace.types';

/** The fields Glance sends in `metadef_namespace.*` notifications. */
export interface NamespacePayload {
  readonly namespace: string;
  readonly namespace_old: string;
  readonly display_name: string | null;
  readonly protected: boolean | null;
  readonly visibility: string | null;
  readonly owner: string;
  readonly description: string | null;
  readonly created_at: string;
  readonly updated_at: string | null;
  readonly deleted: boolean;
  readonly deleted_at: string | null;
}

export function namespacePayload(
  record: NamespaceRecord,
  options: { namespaceOld?: string; deletedAt?: string } = {},
): NamespacePayload {
  return {
    namespace: record.namespace,
    namespace_old: options.namespaceOld ?? record.namespace,
    display_name: record.display_name,
    protected: record.protected,
    visibility: record.visibility,
    owner: record.owner,
    description: record.description,
    created_at: record.created_at,
    updated_at: record.updated_at,
    deleted: options.deletedAt !== undefined,
    deleted_at: options.deletedAt ?? null,
  };
}
