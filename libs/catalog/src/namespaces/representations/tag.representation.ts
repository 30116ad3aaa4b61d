import { JsonObject } from '../../shared/domain/json';
import { TagEntry } from '../domain/namespace.types';

/** A single tag: name and timestamps, `updated_at` omitted when null. */
export function tagView(tag: TagEntry): JsonObject {
  const view: JsonObject = { name: tag.name, created_at: tag.created_at };
  if (tag.updated_at !== null) view.updated_at = tag.updated_at;
  return view;
}

/** Tags in the default order of lists: newest first, later-created first among equals. */
export function tagsNewestFirst(tags: readonly TagEntry[]): TagEntry[] {
  return [...tags].sort(
    (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.seq - a.seq),
  );
}
