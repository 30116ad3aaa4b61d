import { CatalogMessage, InvalidInputError } from '../../../shared/domain/catalog-error';
import { assertNoFourByteCharacters } from '../../../shared/domain/four-byte';
import { CatalogView } from '../../../shared/domain/catalog-view';
import { Decision, DecisionContext, namespaceStream } from '../../../shared/domain/decision';
import { DomainEvent } from '../../../shared/domain/domain-event';
import { Messages, SchemaReasons } from '../../../shared/domain/messages';
import { NameProblem, findNameProblem } from '../../../shared/domain/names';
import { isoTime } from '../../../shared/domain/timestamps';
import {
  NamespaceTagsReplacedEvent,
  TagCreatedEvent,
  TagDeletedEvent,
  TagUpdatedEvent,
  tagPayload,
} from '../../events';
import { NamespaceRecord, TagEntry, isProtected } from '../namespace.types';
import { TagDuplicateError, TagNotFoundError, TagProtectedError } from '../namespace.errors';
import { requireVisibleNamespace } from '../namespace.visibility';

/** The maximum length of a tag name, in code points. */
export const TAG_NAME_MAX_LENGTH = 80;

const NAME_PROBLEM_REASONS: Readonly<Record<NameProblem, string>> = {
  empty: SchemaReasons.EMPTY_NAME,
  slash: SchemaReasons.NAME_WITH_SLASH,
  reserved: SchemaReasons.RESERVED_NAME,
};

/**
 * Checks a tag name taken from a URL, which no body schema has seen, against the rules for a
 * name in a body: not empty, no `/`, not `__proto__`, at most 80 code points.
 */
function urlTagNameProblem(name: string): CatalogMessage | undefined {
  const field = 'name';
  const problem = findNameProblem(name);
  if (problem) return { key: NAME_PROBLEM_REASONS[problem], params: { field } };
  if ([...name].length > TAG_NAME_MAX_LENGTH) {
    return { key: SchemaReasons.TOO_LONG, params: { field, max: TAG_NAME_MAX_LENGTH } };
  }
  return undefined;
}

/**
 * Creates tags in bulk. Without append, a non-empty list replaces every existing tag (even in a
 * protected namespace, as Glance does); an empty list changes nothing. Names repeated in the
 * request, or already present when appending, are conflicts and nothing changes.
 */
export function decideCreateTags(
  view: CatalogView,
  namespaceName: string,
  names: readonly string[],
  append: boolean,
  context: DecisionContext,
): Decision<readonly string[]> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('add_metadef_tags', ns);

  const seen = new Set<string>(append ? ns.tags.map((tag) => tag.name) : []);
  for (const name of names) {
    assertNoFourByteCharacters('create', 'tag', { name });
    if (seen.has(name)) {
      throw new TagDuplicateError(name, namespaceName);
    }
    seen.add(name);
  }

  const now = isoTime(context.now);
  const events: DomainEvent[] = [];
  if (!append && names.length > 0 && ns.tags.length > 0) {
    const removed = ns.tags.map((tag) => tag.name);
    events.push(
      new NamespaceTagsReplacedEvent({ namespace: namespaceName, removed_tags: removed }),
    );
  }
  for (const name of names) {
    events.push(
      new TagCreatedEvent(tagPayload(namespaceName, { name, created_at: now, updated_at: now })),
    );
  }
  return { events, streams: [namespaceStream(namespaceName)], result: names };
}

/**
 * Creates one tag named by the URL. Unlike the other writes, the name is validated only after
 * the namespace lookup.
 */
export function decideCreateTag(
  view: CatalogView,
  namespaceName: string,
  name: string,
  context: DecisionContext,
): Decision<TagEntry> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  const problem = urlTagNameProblem(name);
  if (problem) {
    throw new InvalidInputError(Messages.SCHEMA_MISMATCH, { schema: 'tag', reason: problem });
  }
  context.authorize('add_metadef_tag', ns);

  assertNoFourByteCharacters('create', 'tag', { name });
  if (ns.tags.some((tag) => tag.name === name)) {
    throw new TagDuplicateError(name, namespaceName);
  }

  const now = isoTime(context.now);
  const entry: TagEntry = { name, created_at: now, updated_at: now, seq: 0 };
  return {
    events: [new TagCreatedEvent(tagPayload(namespaceName, entry))],
    streams: [namespaceStream(namespaceName)],
    result: entry,
  };
}

/** Renames a tag; renaming it to its own name only refreshes `updated_at`. */
export function decideUpdateTag(
  view: CatalogView,
  namespaceName: string,
  tagName: string,
  newName: string,
  context: DecisionContext,
): Decision<TagEntry> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('modify_metadef_tag', ns);
  const current = findTag(ns, tagName);

  assertNoFourByteCharacters('update', 'tag', { name: newName });
  if (newName !== tagName && ns.tags.some((tag) => tag.name === newName)) {
    throw new TagDuplicateError(newName, namespaceName);
  }

  const entry: TagEntry = { ...current, name: newName, updated_at: isoTime(context.now) };
  return {
    events: [new TagUpdatedEvent(tagPayload(namespaceName, entry, { nameOld: tagName }))],
    streams: [namespaceStream(namespaceName)],
    result: entry,
  };
}

export function decideDeleteTag(
  view: CatalogView,
  namespaceName: string,
  tagName: string,
  context: DecisionContext,
): Decision<void> {
  const ns = requireVisibleNamespace(view.namespace(namespaceName), namespaceName, context.caller);
  context.authorize('delete_metadef_tag', ns);
  const current = findTag(ns, tagName);
  if (isProtected(ns)) {
    throw new TagProtectedError(tagName);
  }

  const payload = tagPayload(namespaceName, current, { deletedAt: isoTime(context.now) });
  return {
    events: [new TagDeletedEvent(payload)],
    streams: [namespaceStream(namespaceName)],
    result: undefined,
  };
}

export function findTag(ns: Pick<NamespaceRecord, 'tags'>, name: string): TagEntry {
  const tag = ns.tags.find((candidate) => candidate.name === name);
  if (!tag) {
    throw new TagNotFoundError(name);
  }
  return tag;
}
