import { ForbiddenError, InvalidInputError } from '../../../shared/domain/catalog-error';
import { namespaceStream } from '../../../shared/domain/decision';
import { Messages, SchemaReasons } from '../../../shared/domain/messages';
import { CatalogState } from '../../../write-model/catalog-state';
import {
  NamespaceNotFoundError,
  TagDuplicateError,
  TagNotFoundError,
  TagProtectedError,
} from '../namespace.errors';
import {
  TAG_NAME_MAX_LENGTH,
  decideCreateTag,
  decideCreateTags,
  decideDeleteTag,
  decideUpdateTag,
} from './tag.decisions';
import {
  EARLIER_TEXT,
  EMOJI,
  NOW_TEXT,
  READER,
  detailOf,
  fakeContext,
  seededState,
  thrown,
  uniqueName,
} from './testing/decision-fixtures';

const TAGS_REPLACED = 'org.openstack.metadefs.namespace.tags_replaced.v1';
const TAG_CREATED = 'org.openstack.metadefs.tag.created.v1';

function tagState(name: string, tags: readonly string[], protect = false): CatalogState {
  return seededState({
    namespace: name,
    protected: protect,
    tags: tags.map((tag) => ({ name: tag })),
  });
}

describe(decideCreateTags.name, () => {
  describe('when replacing existing tags', () => {
    it('emits the replacement then creates', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old1', 'old2']);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['new1', 'new2'], false, context);

      expect(decision.events.map((event) => event.type)).toEqual([
        TAGS_REPLACED,
        TAG_CREATED,
        TAG_CREATED,
      ]);
    });

    it('lists the removed tags', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old1', 'old2']);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['new1'], false, context);

      expect(decision.events[0].data).toEqual({ namespace: name, removed_tags: ['old1', 'old2'] });
    });

    it('allows names that existed', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['same']);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['same'], false, context);

      expect(decision.events.map((event) => event.type)).toEqual([TAGS_REPLACED, TAG_CREATED]);
    });

    it('ignores namespace protection', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old'], true);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['new'], false, context);

      expect(decision.events).toHaveLength(2);
    });
  });

  describe('when the namespace has no tags', () => {
    it('emits only the creates', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['a', 'b'], false, context);

      expect(decision.events.map((event) => event.type)).toEqual([TAG_CREATED, TAG_CREATED]);
    });

    it('fills the tag payloads', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['a'], false, context);

      expect(decision.events[0].data).toEqual({
        namespace: name,
        name: 'a',
        name_old: 'a',
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
        deleted: false,
        deleted_at: null,
      });
    });
  });

  describe('when the list is empty', () => {
    it('emits nothing without append', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['kept']);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, [], false, context);

      expect(decision.events).toEqual([]);
    });

    it('emits nothing with append', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['kept']);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, [], true, context);

      expect(decision.events).toEqual([]);
    });
  });

  describe('when appending', () => {
    it('keeps existing tags', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old']);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['new'], true, context);

      expect(decision.events.map((event) => event.type)).toEqual([TAG_CREATED]);
    });

    it('rejects an existing name', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old']);
      const { context } = fakeContext();

      const error = thrown(() => decideCreateTags(state, name, ['new', 'old'], true, context));

      expect(error).toBeInstanceOf(TagDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.TAG_DUPLICATE,
        params: { name: 'old', namespace: name },
      });
    });
  });

  describe('when the request repeats a name', () => {
    it('raises the duplicate conflict', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const error = thrown(() => decideCreateTags(state, name, ['x', 'x'], false, context));

      expect(error).toBeInstanceOf(TagDuplicateError);
    });
  });

  describe('when checking policy', () => {
    it('uses the bulk add rule', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context, calls } = fakeContext();

      decideCreateTags(state, name, ['a'], false, context);

      expect(calls).toEqual([{ rule: 'add_metadef_tags', target: state.namespace(name) }]);
    });

    it('reads the namespace stream', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const decision = decideCreateTags(state, name, ['a'], false, context);

      expect(decision.streams).toEqual([namespaceStream(name)]);
    });
  });

  describe('when a name has 4-byte characters', () => {
    it('rejects the request', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const error = thrown(() => decideCreateTags(state, name, [EMOJI], false, context));

      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_CREATE,
        params: {
          kind: { key: 'kinds.tag' },
          reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Name' } },
        },
      });
    });
  });
});

describe(decideCreateTag.name, () => {
  describe('when the tag is new', () => {
    it('emits one created event', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const decision = decideCreateTag(state, name, 'solo', context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [TAG_CREATED, expect.objectContaining({ namespace: name, name: 'solo' })],
      ]);
    });

    it('checks the single add rule', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context, calls } = fakeContext();

      decideCreateTag(state, name, 'solo', context);

      expect(calls.map((call) => call.rule)).toEqual(['add_metadef_tag']);
    });

    it('accepts the maximum length', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const decision = decideCreateTag(state, name, 'é'.repeat(TAG_NAME_MAX_LENGTH), context);

      expect(decision.events).toHaveLength(1);
    });
  });

  describe('when the name breaks the name rules', () => {
    it.each([
      ['empty', '', SchemaReasons.EMPTY_NAME],
      ['with a slash', 'a/b', SchemaReasons.NAME_WITH_SLASH],
      ['__proto__', '__proto__', SchemaReasons.RESERVED_NAME],
    ])('refuses a name that is %s', (_label, tag, reason) => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const error = thrown(() => decideCreateTag(state, name, tag, context));

      expect(detailOf(error)).toEqual({
        key: Messages.SCHEMA_MISMATCH,
        params: { schema: 'tag', reason: { key: reason, params: { field: 'name' } } },
      });
    });
  });

  describe('when the name is too long', () => {
    it('raises the schema error', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const error = thrown(() => decideCreateTag(state, name, 'x'.repeat(81), context));

      expect(error).toBeInstanceOf(InvalidInputError);
      expect(detailOf(error)).toEqual({
        key: Messages.SCHEMA_MISMATCH,
        params: {
          schema: 'tag',
          reason: { key: SchemaReasons.TOO_LONG, params: { field: 'name', max: 80 } },
        },
      });
    });

    it('counts code points, not units', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext({ deny: ['add_metadef_tag'] });

      const error = thrown(() => decideCreateTag(state, name, EMOJI.repeat(80), context));

      expect(error).toBeInstanceOf(ForbiddenError);
    });

    it('reports a missing namespace first', () => {
      const { context } = fakeContext();

      const error = thrown(() =>
        decideCreateTag(new CatalogState(), uniqueName('ns'), 'x'.repeat(81), context),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });

    it('validates before policy', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context, calls } = fakeContext();

      thrown(() => decideCreateTag(state, name, 'x'.repeat(81), context));

      expect(calls).toEqual([]);
    });
  });

  describe('when the tag exists', () => {
    it('raises the duplicate conflict', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['solo']);
      const { context } = fakeContext();

      const error = thrown(() => decideCreateTag(state, name, 'solo', context));

      expect(error).toBeInstanceOf(TagDuplicateError);
    });
  });

  describe('when the name has 4-byte characters', () => {
    it('rejects the tag', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const error = thrown(() => decideCreateTag(state, name, EMOJI, context));

      expect(detailOf(error).key).toBe(Messages.COULD_NOT_CREATE);
    });
  });
});

describe(decideUpdateTag.name, () => {
  describe('when renaming', () => {
    it('records the previous name', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old']);
      const { context } = fakeContext();

      const decision = decideUpdateTag(state, name, 'old', 'new', context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.tag.updated.v1',
          {
            namespace: name,
            name: 'new',
            name_old: 'old',
            created_at: EARLIER_TEXT,
            updated_at: NOW_TEXT,
            deleted: false,
            deleted_at: null,
          },
        ],
      ]);
    });

    it('rejects a taken name', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old', 'taken']);
      const { context } = fakeContext();

      const error = thrown(() => decideUpdateTag(state, name, 'old', 'taken', context));

      expect(error).toBeInstanceOf(TagDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.TAG_DUPLICATE,
        params: { name: 'taken', namespace: name },
      });
    });

    it('checks the modify rule', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old']);
      const { context, calls } = fakeContext();

      decideUpdateTag(state, name, 'old', 'new', context);

      expect(calls.map((call) => call.rule)).toEqual(['modify_metadef_tag']);
    });
  });

  describe('when renaming to itself', () => {
    it('refreshes only the update time', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['same']);
      const { context } = fakeContext();

      const { result } = decideUpdateTag(state, name, 'same', 'same', context);

      expect(result).toEqual({
        name: 'same',
        created_at: EARLIER_TEXT,
        updated_at: NOW_TEXT,
        seq: state.namespace(name)?.tags[0].seq,
      });
    });
  });

  describe('when the tag is missing', () => {
    it('raises the tag not-found error', () => {
      const name = uniqueName('ns');
      const state = tagState(name, []);
      const { context } = fakeContext();

      const error = thrown(() => decideUpdateTag(state, name, 'absent', 'new', context));

      expect(error).toBeInstanceOf(TagNotFoundError);
      expect(detailOf(error)).toEqual({ key: Messages.TAG_NOT_FOUND, params: { name: 'absent' } });
    });
  });

  describe('when the new name has 4-byte characters', () => {
    it('rejects with the update message', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['old']);
      const { context } = fakeContext();

      const error = thrown(() => decideUpdateTag(state, name, 'old', EMOJI, context));

      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_UPDATE,
        params: {
          kind: { key: 'kinds.tag' },
          reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Name' } },
        },
      });
    });
  });
});

describe(decideDeleteTag.name, () => {
  describe('when the namespace is unprotected', () => {
    it('emits a deleted event', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['gone']);
      const { context } = fakeContext();

      const decision = decideDeleteTag(state, name, 'gone', context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.tag.deleted.v1',
          expect.objectContaining({ name: 'gone', deleted: true, deleted_at: NOW_TEXT }),
        ],
      ]);
    });
  });

  describe('when the namespace is protected', () => {
    it('raises the tag protection error', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['kept'], true);
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteTag(state, name, 'kept', context));

      expect(error).toBeInstanceOf(TagProtectedError);
      expect(detailOf(error)).toEqual({ key: Messages.TAG_PROTECTED, params: { name: 'kept' } });
    });

    it('reports a missing tag first', () => {
      const name = uniqueName('ns');
      const state = tagState(name, [], true);
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteTag(state, name, 'absent', context));

      expect(error).toBeInstanceOf(TagNotFoundError);
    });
  });

  describe('when the policy denies', () => {
    it('raises the policy error', () => {
      const name = uniqueName('ns');
      const state = tagState(name, ['kept']);
      const { context } = fakeContext({ deny: ['delete_metadef_tag'] });

      const error = thrown(() => decideDeleteTag(state, name, 'kept', context));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });

  describe('when the namespace is invisible', () => {
    it('raises the short not-found error', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, owner: 'other-project', tags: [{ name: 't' }] });
      const { context } = fakeContext({ caller: READER });

      const error = thrown(() => decideDeleteTag(state, name, 't', context));

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });
});
