import { PropertyEntry } from '../../shared/domain/property-definition';

/** A namespace's link to a resource type, with the prefix its properties take there. */
export interface AssociationEntry {
  readonly name: string;
  readonly prefix: string | null;
  readonly properties_target: string | null;
  readonly created_at: string;
  readonly updated_at: string | null;
}

/** A named group of property definitions inside a namespace. */
export interface ObjectEntry {
  readonly name: string;
  readonly description: string | null;
  readonly required: readonly string[];
  readonly properties: readonly PropertyEntry[];
  readonly created_at: string;
  readonly updated_at: string | null;
}

/** A suggested tag. `seq` is the log position that created it, the tie-breaker in sorts. */
export interface TagEntry {
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string | null;
  readonly seq: number;
}

/**
 * A namespace with everything it owns. Records are immutable: every change produces a new
 * record, so a reader holding one sees a consistent snapshot. `seq` is the log position of the
 * event that created the namespace; it never changes, renames included.
 *
 * `visibility` and `protected` are null when the loader read a file without them; they then
 * behave as `private` and `false`. `updated_at` is null until the first change after a load.
 */
export interface NamespaceRecord {
  readonly seq: number;
  readonly namespace: string;
  readonly display_name: string | null;
  readonly description: string | null;
  readonly visibility: string | null;
  readonly protected: boolean | null;
  readonly owner: string;
  readonly created_at: string;
  readonly updated_at: string | null;
  readonly resource_type_associations: readonly AssociationEntry[];
  readonly properties: readonly PropertyEntry[];
  readonly objects: readonly ObjectEntry[];
  readonly tags: readonly TagEntry[];
}

/** The visibility a namespace behaves with: a missing value counts as private. */
export function effectiveVisibility(record: Pick<NamespaceRecord, 'visibility'>): string {
  return record.visibility ?? 'private';
}

/** Whether deletes of the namespace and of its children are refused. */
export function isProtected(record: Pick<NamespaceRecord, 'protected'>): boolean {
  return record.protected === true;
}
