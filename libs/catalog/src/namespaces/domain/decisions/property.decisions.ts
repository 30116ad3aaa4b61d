import { assertNoFourByteCharacters } from '../../../shared/domain/four-byte';
import { CatalogView } from '../../../shared/domain/catalog-view';
import { Decision, DecisionContext, namespaceStream } from '../../../shared/domain/decision';
import { JsonObject } from '../../../shared/domain/json';
import { PropertyEntry } from '../../../shared/domain/property-definition';
import { isoTime } from '../../../shared/domain/timestamps';
import {
  PropertyCreatedEvent,
  PropertyDeletedEvent,
  PropertyUpdatedEvent,
  propertyPayload,
} from '../../events';
import { PropertyInput } from '../namespace.inputs';
import { NamespaceRecord, isProtected } from '../namespace.types';
import {
  PropertyDuplicateError,
  PropertyNotFoundError,
  PropertyProtectedError,
  PropertyRenameDuplicateError,
} from '../namespace.errors';
import { requireVisibleNamespace } from '../namespace.visibility';

/**
 * Creates a namespace-level property. The standalone routes store the definition with its
 * `name`, which is what later map views show inside the definition.
 */
export function decideCreateProperty(
  view: CatalogView,
  namespaceName: string,
  input: PropertyInput,
  context: DecisionContext,
): Decision<PropertyEntry> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('add_metadef_property', ns);

  assertNoFourByteCharacters('create', 'property', fourByteFields(input));
  if (ns.properties.some((existing) => existing.name === input.name)) {
    throw new PropertyDuplicateError(input.name, namespaceName);
  }

  const entry: PropertyEntry = { name: input.name, definition: input.definition };
  return {
    events: [new PropertyCreatedEvent(propertyPayload(namespaceName, entry.name, entry.definition))],
    streams: [namespaceStream(namespaceName)],
    result: entry,
  };
}

/** Replaces a property's definition; a different `name` renames it in place. */
export function decideUpdateProperty(
  view: CatalogView,
  namespaceName: string,
  propertyName: string,
  input: PropertyInput,
  context: DecisionContext,
): Decision<PropertyEntry> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('modify_metadef_property', ns);
  findProperty(ns, propertyName);

  assertNoFourByteCharacters('update', 'property', fourByteFields(input));
  if (input.name !== propertyName && ns.properties.some((existing) => existing.name === input.name)) {
    // Glance names the property being renamed, not the name it collides with.
    throw new PropertyRenameDuplicateError(propertyName, namespaceName);
  }

  const entry: PropertyEntry = { name: input.name, definition: input.definition };
  const payload = propertyPayload(namespaceName, entry.name, entry.definition, { nameOld: propertyName });
  return {
    events: [new PropertyUpdatedEvent(payload)],
    streams: [namespaceStream(namespaceName)],
    result: entry,
  };
}

export function decideDeleteProperty(
  view: CatalogView,
  namespaceName: string,
  propertyName: string,
  context: DecisionContext,
): Decision<void> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('remove_metadef_property', ns);
  const current = findProperty(ns, propertyName);
  if (isProtected(ns)) {
    throw new PropertyProtectedError(propertyName);
  }

  const payload = propertyPayload(namespaceName, current.name, current.definition, {
    deletedAt: isoTime(context.now),
  });
  return {
    events: [new PropertyDeletedEvent(payload)],
    streams: [namespaceStream(namespaceName)],
    result: undefined,
  };
}

export function findProperty(ns: Pick<NamespaceRecord, 'properties'>, name: string): PropertyEntry {
  const property = ns.properties.find((candidate) => candidate.name === name);
  if (!property) {
    throw new PropertyNotFoundError(name);
  }
  return property;
}

function fourByteFields(input: PropertyInput): Record<string, string | JsonObject> {
  const { name: _name, ...schema } = input.definition;
  return { name: input.name, json_schema: schema };
}
