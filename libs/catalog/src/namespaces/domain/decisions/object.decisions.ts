import { assertNoFourByteCharacters } from '../../../shared/domain/four-byte';
import { CatalogView } from '../../../shared/domain/catalog-view';
import { Decision, DecisionContext, namespaceStream } from '../../../shared/domain/decision';
import { isoTime } from '../../../shared/domain/timestamps';
import {
  ObjectCreatedEvent,
  ObjectDeletedEvent,
  ObjectUpdatedEvent,
  objectPayload,
} from '../../events';
import { ObjectInput } from '../namespace.inputs';
import { NamespaceRecord, ObjectEntry, isProtected } from '../namespace.types';
import {
  ObjectDuplicateError,
  ObjectNotFoundError,
  ObjectProtectedError,
  ObjectRenameDuplicateError,
} from '../namespace.errors';
import { requireVisibleNamespace } from '../namespace.visibility';
import { objectEntry, objectFourByteFields } from './embedded-content.decisions';

/** An object as written, with its namespace. */
export interface WrittenObject {
  readonly namespace: NamespaceRecord;
  readonly object: ObjectEntry;
}

export function decideCreateObject(
  view: CatalogView,
  namespaceName: string,
  input: ObjectInput,
  context: DecisionContext,
): Decision<WrittenObject> {
  const ns = requireVisibleNamespace(
    view.namespace(namespaceName),
    namespaceName,
    context.caller,
    'not-found-by-name',
  );
  context.authorize('add_metadef_object', ns);

  const now = isoTime(context.now);
  const object = objectEntry(input, now, now);
  assertNoFourByteCharacters('create', 'object', objectFourByteFields(input));
  if (ns.objects.some((existing) => existing.name === input.name)) {
    throw new ObjectDuplicateError(input.name, namespaceName);
  }

  const payload = objectPayload(namespaceName, object, { requiredAsSent: input.required ?? null });
  return {
    events: [new ObjectCreatedEvent(payload)],
    streams: [namespaceStream(namespaceName)],
    result: { namespace: ns, object },
  };
}

/** Replaces an object: omitted fields become empty; a different `name` renames it. */
export function decideUpdateObject(
  view: CatalogView,
  namespaceName: string,
  objectName: string,
  input: ObjectInput,
  context: DecisionContext,
): Decision<WrittenObject> {
  const ns = requireVisibleNamespace(
    view.namespace(namespaceName),
    namespaceName,
    context.caller,
    'not-found-by-name',
  );
  context.authorize('modify_metadef_object', ns);
  const current = findObject(ns, objectName);

  const object = objectEntry(input, current.created_at, isoTime(context.now));
  assertNoFourByteCharacters('update', 'object', objectFourByteFields(input));
  if (input.name !== objectName && ns.objects.some((existing) => existing.name === input.name)) {
    // Glance names the object being renamed, not the name it collides with.
    throw new ObjectRenameDuplicateError(objectName, namespaceName);
  }

  const payload = objectPayload(namespaceName, object, {
    nameOld: objectName,
    requiredAsSent: input.required ?? null,
  });
  return {
    events: [new ObjectUpdatedEvent(payload)],
    streams: [namespaceStream(namespaceName)],
    result: { namespace: ns, object },
  };
}

export function decideDeleteObject(
  view: CatalogView,
  namespaceName: string,
  objectName: string,
  context: DecisionContext,
): Decision<void> {
  const ns = requireVisibleNamespace(
    view.namespace(namespaceName),
    namespaceName,
    context.caller,
    'not-found-by-name',
  );
  context.authorize('delete_metadef_object', ns);
  const current = findObject(ns, objectName);
  if (isProtected(ns)) {
    throw new ObjectProtectedError(objectName);
  }

  const payload = objectPayload(namespaceName, current, { deletedAt: isoTime(context.now) });
  return {
    events: [new ObjectDeletedEvent(payload)],
    streams: [namespaceStream(namespaceName)],
    result: undefined,
  };
}

export function findObject(ns: Pick<NamespaceRecord, 'objects'>, name: string): ObjectEntry {
  const object = ns.objects.find((candidate) => candidate.name === name);
  if (!object) {
    throw new ObjectNotFoundError(name);
  }
  return object;
}
