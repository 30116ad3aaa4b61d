import { assertNoFourByteCharacters } from '../../../shared/domain/four-byte';
import { CatalogView } from '../../../shared/domain/catalog-view';
import {
  Decision,
  DecisionContext,
  namespaceStream,
  resourceTypeStream,
} from '../../../shared/domain/decision';
import { isoTime } from '../../../shared/domain/timestamps';
import {
  ResourceTypeAssociatedEvent,
  ResourceTypeDissociatedEvent,
  associationPayload,
} from '../../events';
import { AssociationInput } from '../namespace.inputs';
import { AssociationEntry, isProtected } from '../namespace.types';
import {
  AssociationDuplicateError,
  AssociationProtectedError,
  AssociationToDeleteNotFoundError,
} from '../namespace.errors';
import { requireVisibleNamespace } from '../namespace.visibility';
import {
  associationEntry,
  associationFourByteFields,
  resourceTypeCreation,
} from './embedded-content.decisions';

/**
 * Associates a namespace with a resource type, creating the resource type when the catalog does
 * not have it yet.
 */
export function decideAssociateResourceType(
  view: CatalogView,
  namespaceName: string,
  input: AssociationInput,
  context: DecisionContext,
): Decision<AssociationEntry> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('add_metadef_resource_type_association', ns);

  const now = isoTime(context.now);
  const entry = associationEntry(input, now);
  assertNoFourByteCharacters('create', 'resource_type', associationFourByteFields(entry));
  if (ns.resource_type_associations.some((existing) => existing.name === input.name)) {
    throw new AssociationDuplicateError(input.name, namespaceName);
  }

  return {
    events: [
      ...resourceTypeCreation(view, input.name, now, []),
      new ResourceTypeAssociatedEvent(associationPayload(namespaceName, entry)),
    ],
    streams: [namespaceStream(namespaceName), resourceTypeStream(input.name)],
    result: entry,
  };
}

/** Removes an association, matched by exact name; the resource type stays in the catalog. */
export function decideDissociateResourceType(
  view: CatalogView,
  namespaceName: string,
  resourceTypeName: string,
  context: DecisionContext,
): Decision<void> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('remove_metadef_resource_type_association', ns);
  const current = ns.resource_type_associations.find((entry) => entry.name === resourceTypeName);
  if (!current) {
    throw new AssociationToDeleteNotFoundError(resourceTypeName);
  }
  if (isProtected(ns)) {
    throw new AssociationProtectedError(resourceTypeName);
  }

  const payload = associationPayload(namespaceName, current, { deletedAt: isoTime(context.now) });
  return {
    events: [new ResourceTypeDissociatedEvent(payload)],
    streams: [namespaceStream(namespaceName)],
    result: undefined,
  };
}
