import { JsonObject } from '../../shared/domain/json';

/** An association as a request body gives it. */
export interface AssociationInput {
  readonly name: string;
  readonly prefix?: string;
  readonly properties_target?: string;
}

/** An object as a request body gives it; `properties` maps names to normalised definitions. */
export interface ObjectInput {
  readonly name: string;
  readonly description?: string;
  readonly required?: readonly string[];
  readonly properties?: JsonObject;
}

/** A tag as a request body gives it. */
export interface TagInput {
  readonly name: string;
}

/**
 * The body of a namespace create or update, validated. Keys the client left out are absent;
 * embedded property definitions are already normalised.
 */
export interface NamespaceInput {
  readonly namespace: string;
  readonly display_name?: string;
  readonly description?: string;
  readonly visibility?: 'public' | 'private';
  readonly protected?: boolean;
  readonly owner?: string;
  readonly resource_type_associations?: readonly AssociationInput[];
  readonly properties?: JsonObject;
  readonly objects?: readonly ObjectInput[];
  readonly tags?: readonly TagInput[];
}

/** A standalone property definition: the stored name and the normalised definition. */
export interface PropertyInput {
  readonly name: string;
  readonly definition: JsonObject;
}
