import { TagEntry } from '../domain/namespace.types';

/** The fields Glance sends in `metadef_tag.*` notifications. */
export interface TagPayload {
  readonly namespace: string;
  readonly name: string;
  readonly name_old: string;
  readonly created_at: string;
  readonly updated_at: string | null;
  readonly deleted: boolean;
  readonly deleted_at: string | null;
}

export function tagPayload(
  namespace: string,
  tag: Pick<TagEntry, 'name' | 'created_at' | 'updated_at'>,
  options: { nameOld?: string; deletedAt?: string } = {},
): TagPayload {
  return {
    namespace,
    name: tag.name,
    name_old: options.nameOld ?? tag.name,
    created_at: tag.created_at,
    updated_at: tag.updated_at,
    deleted: options.deletedAt !== undefined,
    deleted_at: options.deletedAt ?? null,
  };
}
