import { assertNoFourByteCharacters } from '../../../shared/domain/four-byte';
import { CatalogView } from '../../../shared/domain/catalog-view';
import { Decision, DecisionContext, namespaceStream } from '../../../shared/domain/decision';
import { DomainEvent } from '../../../shared/domain/domain-event';
import { isoTime } from '../../../shared/domain/timestamps';
import {
  NamespaceCreatedEvent,
  NamespaceDeletedEvent,
  NamespaceObjectsDeletedEvent,
  NamespacePropertiesDeletedEvent,
  NamespaceTagsDeletedEvent,
  NamespaceUpdatedEvent,
  namespacePayload,
} from '../../events';
import { NamespaceInput } from '../namespace.inputs';
import { NamespaceRecord, isProtected } from '../namespace.types';
import {
  NamespaceDuplicateError,
  NamespaceProtectedError,
  NamespaceRenameDuplicateError,
} from '../namespace.errors';
import { requireVisibleNamespace } from '../namespace.visibility';
import { decideEmbeddedContent } from './embedded-content.decisions';

/** The namespace as created, and what the request embedded. */
export interface CreatedNamespace {
  readonly record: NamespaceRecord;
}

/**
 * Creates a namespace with everything its body embeds, as one commit: the namespace, then its
 * associations, objects, tags and properties, in Glance's order of checks.
 */
export function decideCreateNamespace(
  view: CatalogView,
  input: NamespaceInput,
  context: DecisionContext,
): Decision<CreatedNamespace> {
  authorizeCreate(input, context);

  const now = isoTime(context.now);
  const fields = {
    namespace: input.namespace,
    display_name: input.display_name ?? null,
    description: input.description ?? null,
    visibility: input.visibility ?? 'private',
    protected: input.protected ?? false,
    owner: input.owner ?? context.caller.projectId ?? '',
  };
  assertNoFourByteCharacters('create', 'namespace', fields);
  if (view.namespace(input.namespace)) {
    throw new NamespaceDuplicateError(input.namespace);
  }

  const created: NamespaceRecord = {
    seq: 0,
    ...fields,
    created_at: now,
    updated_at: now,
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
  };
  const content = decideEmbeddedContent(view, created, input, now);
  const events: DomainEvent[] = [new NamespaceCreatedEvent(namespacePayload(created)), ...content.events];

  return {
    events,
    streams: [namespaceStream(input.namespace), ...content.streams],
    result: { record: content.record },
  };
}

function authorizeCreate(input: NamespaceInput, context: DecisionContext): void {
  context.authorize('add_metadef_namespace');
  if (input.resource_type_associations?.length) {
    context.authorize('add_metadef_resource_type_association');
  }
  if (input.objects?.length) {
    context.authorize('add_metadef_object');
  }
  if (input.properties && Object.keys(input.properties).length > 0) {
    context.authorize('add_metadef_property');
  }
  if (input.tags?.length) {
    context.authorize('add_metadef_tag');
  }
}

/**
 * Replaces a namespace's own fields; a different `namespace` renames it. Omitted fields take
 * Glance's defaults, and an omitted or empty `owner` becomes the caller's project. Embedded
 * collections in the body are ignored: children never change here.
 */
export function decideUpdateNamespace(
  view: CatalogView,
  name: string,
  input: NamespaceInput,
  context: DecisionContext,
): Decision<NamespaceRecord> {
  const current = requireVisibleNamespace(view.namespace(name), name, context.caller);
  context.authorize('modify_metadef_namespace', current);

  const fields = {
    namespace: input.namespace,
    display_name: input.display_name ?? null,
    description: input.description ?? null,
    visibility: input.visibility ?? 'private',
    protected: input.protected ?? false,
    owner: input.owner || context.caller.projectId || current.owner,
  };
  assertNoFourByteCharacters('update', 'namespace', fields);
  if (input.namespace !== name && view.namespace(input.namespace)) {
    throw new NamespaceRenameDuplicateError(input.namespace);
  }

  const updated: NamespaceRecord = { ...current, ...fields, updated_at: isoTime(context.now) };
  return {
    events: [new NamespaceUpdatedEvent(namespacePayload(updated, { namespaceOld: name }))],
    streams: [namespaceStream(name), namespaceStream(input.namespace)],
    result: updated,
  };
}

/** Deletes a namespace and everything in it, unless it is protected. */
export function decideDeleteNamespace(
  view: CatalogView,
  name: string,
  context: DecisionContext,
): Decision<void> {
  const current = requireVisibleNamespace(view.namespace(name), name, context.caller);
  context.authorize('delete_metadef_namespace', current);
  if (isProtected(current)) {
    throw new NamespaceProtectedError(name);
  }

  const payload = namespacePayload(current, { deletedAt: isoTime(context.now) });
  return { events: [new NamespaceDeletedEvent(payload)], streams: [namespaceStream(name)], result: undefined };
}

/** The child collection a delete-all route removes. */
export type ChildCollection = 'objects' | 'properties' | 'tags';

/**
 * Deletes every object, property or tag of a namespace. The namespace delete rule guards all
 * three routes (the tags route also checks `delete_metadef_tags`), and protection refuses them.
 */
export function decideDeleteAllChildren(
  view: CatalogView,
  name: string,
  collection: ChildCollection,
  context: DecisionContext,
): Decision<void> {
  const current = requireVisibleNamespace(view.namespace(name), name, context.caller);
  context.authorize('delete_metadef_namespace', current);
  if (collection === 'tags') {
    context.authorize('delete_metadef_tags', current);
  }
  if (isProtected(current)) {
    throw new NamespaceProtectedError(name);
  }

  const payload = namespacePayload(current);
  const event =
    collection === 'objects'
      ? new NamespaceObjectsDeletedEvent(payload)
      : collection === 'properties'
        ? new NamespacePropertiesDeletedEvent(payload)
        : new NamespaceTagsDeletedEvent(payload);
  return { events: [event], streams: [namespaceStream(name)], result: undefined };
}
