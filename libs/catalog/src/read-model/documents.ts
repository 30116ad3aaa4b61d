import { AssociationEntry, NamespaceRecord, ObjectEntry, TagEntry } from '../namespaces/domain/namespace.types';
import { PropertyEntry } from '../shared/domain/property-definition';
import { ResourceTypeRecord } from '../resource-types/domain/resource-type.types';

/**
 * A namespace with all its children, as the read model stores it: one document per namespace,
 * keyed by the log position that created it (`_id`), with property definitions normalised for
 * serving. Name-keyed maps are lists of `{ name, ... }`, because names may contain `.` or
 * start with `$`, which MongoDB keys cannot.
 *
 * The `sort_*` fields hold the sort keys with nulls as empty strings, and `*_effective` the
 * values that a null stands for, so that filters and sorts behave the same in MongoDB and in
 * memory.
 */
export interface NamespaceDocument {
  readonly _id: number;
  /** The log position of the last change applied to this document. */
  readonly position: number;
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
  readonly visibility_effective: string;
  readonly protected_effective: boolean;
  readonly sort_display_name: string;
  readonly sort_description: string;
  readonly sort_updated_at: string;
}

/** A global resource type, keyed by its name. */
export interface ResourceTypeDocument {
  readonly _id: string;
  readonly position: number;
  readonly name: string;
  readonly seq: number;
  readonly protected: boolean;
  readonly created_at: string;
  readonly updated_at: string | null;
}

export function toResourceTypeDocument(
  record: ResourceTypeRecord,
  position: number,
): ResourceTypeDocument {
  return { _id: record.name, position, ...record };
}

/** The record a namespace document was built from, without the read model's own fields. */
export function namespaceOf(document: NamespaceDocument): NamespaceRecord {
  return {
    seq: document._id,
    namespace: document.namespace,
    display_name: document.display_name,
    description: document.description,
    visibility: document.visibility,
    protected: document.protected,
    owner: document.owner,
    created_at: document.created_at,
    updated_at: document.updated_at,
    resource_type_associations: document.resource_type_associations,
    properties: document.properties,
    objects: document.objects,
    tags: document.tags,
  };
}
