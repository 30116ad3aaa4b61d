import { ForbiddenError, InvalidInputError } from '../../../shared/domain/catalog-error';
import { namespaceStream } from '../../../shared/domain/decision';
import { Messages } from '../../../shared/domain/messages';
import { CatalogState } from '../../../write-model/catalog-state';
import { ObjectInput } from '../namespace.inputs';
import {
  NamespaceNotFoundByNameError,
  NamespaceNotFoundError,
  ObjectDuplicateError,
  ObjectNotFoundError,
  ObjectProtectedError,
  ObjectRenameDuplicateError,
} from '../namespace.errors';
import { decideCreateObject, decideDeleteObject, decideUpdateObject } from './object.decisions';
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

const DEFINITION = { title: 'Cores', type: 'integer', minimum: 1, readonly: false };

describe(decideCreateObject.name, () => {
  describe('when the object is new', () => {
    it('emits one created event', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();
      const input: ObjectInput = {
        name: 'CPU',
        description: 'Processor',
        required: ['cores'],
        properties: { cores: DEFINITION },
      };

      const decision = decideCreateObject(state, name, input, context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.object.created.v1',
          {
            namespace: name,
            name: 'CPU',
            name_old: 'CPU',
            properties: [expect.objectContaining({ name: 'cores', title: 'Cores', minimum: 1 })],
            required: ['cores'],
            description: 'Processor',
            created_at: NOW_TEXT,
            updated_at: NOW_TEXT,
            deleted: false,
            deleted_at: null,
            property_definitions: [{ name: 'cores', definition: DEFINITION }],
          },
        ],
      ]);
    });

    it('notifies falsy property values as null', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();
      const definition = { title: 'Flag', type: 'boolean', minimum: 0, enum: [], pattern: '' };

      const decision = decideCreateObject(
        state,
        name,
        { name: 'o', properties: { flag: definition } },
        context,
      );

      expect(decision.events[0].data).toMatchObject({
        properties: [{ name: 'flag', minimum: null, enum: null, pattern: null }],
      });
    });

    it('notifies omitted required as null', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const decision = decideCreateObject(state, name, { name: 'o' }, context);

      expect(decision.events[0].data).toMatchObject({ required: null });
    });

    it('reads the namespace stream', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const decision = decideCreateObject(state, name, { name: 'o' }, context);

      expect(decision.streams).toEqual([namespaceStream(name)]);
    });

    it('checks the add rule on the namespace', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context, calls } = fakeContext();

      decideCreateObject(state, name, { name: 'o' }, context);

      expect(calls).toEqual([{ rule: 'add_metadef_object', target: state.namespace(name) }]);
    });

    it('returns the stored entry', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const { result } = decideCreateObject(state, name, { name: 'o' }, context);

      expect(result.object).toEqual({
        name: 'o',
        description: null,
        required: [],
        properties: [],
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
      });
    });
  });

  describe('when the name exists', () => {
    it('raises the duplicate conflict', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, objects: [{ name: 'o' }] });
      const { context } = fakeContext();

      const error = thrown(() => decideCreateObject(state, name, { name: 'o' }, context));

      expect(error).toBeInstanceOf(ObjectDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.OBJECT_DUPLICATE,
        params: { name: 'o', namespace: name },
      });
    });
  });

  describe('when the namespace is missing', () => {
    it('names it in the long message', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const error = thrown(() =>
        decideCreateObject(new CatalogState(), name, { name: 'o' }, context),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundByNameError);
      expect(detailOf(error)).toEqual({
        key: Messages.NAMESPACE_NOT_FOUND_BY_NAME,
        params: { namespace: name },
      });
    });
  });

  describe('when the namespace is invisible', () => {
    it('uses the short message', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, owner: 'other-project' });
      const { context } = fakeContext({ caller: READER });

      const error = thrown(() => decideCreateObject(state, name, { name: 'o' }, context));

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });

  describe('when the policy denies', () => {
    it('raises the policy error', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext({ deny: ['add_metadef_object'] });

      const error = thrown(() => decideCreateObject(state, name, { name: 'o' }, context));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });

  describe('when text has 4-byte characters', () => {
    it('rejects the required list', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const error = thrown(() =>
        decideCreateObject(state, name, { name: 'o', required: [EMOJI] }, context),
      );

      expect(error).toBeInstanceOf(InvalidInputError);
      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_CREATE,
        params: {
          kind: { key: 'kinds.object' },
          reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Required' } },
        },
      });
    });

    it('rejects a property name', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();
      const input: ObjectInput = { name: 'o', properties: { [`k${EMOJI}`]: DEFINITION } };

      const error = thrown(() => decideCreateObject(state, name, input, context));

      expect(detailOf(error).params?.reason).toEqual({ key: Messages.KEY_HAS_4_BYTE_CHARACTERS });
    });
  });
});

describe(decideUpdateObject.name, () => {
  function stateWithObjects(name: string): CatalogState {
    return seededState({
      namespace: name,
      objects: [
        { name: 'first', description: 'One', required: ['a'], properties: { a: DEFINITION } },
        { name: 'second' },
      ],
    });
  }

  describe('when the name stays', () => {
    it('replaces omitted fields with empties', () => {
      const name = uniqueName('ns');
      const state = stateWithObjects(name);
      const { context } = fakeContext();

      const { result } = decideUpdateObject(state, name, 'first', { name: 'first' }, context);

      expect(result.object).toEqual({
        name: 'first',
        description: null,
        required: [],
        properties: [],
        created_at: EARLIER_TEXT,
        updated_at: NOW_TEXT,
      });
    });

    it('emits one updated event', () => {
      const name = uniqueName('ns');
      const state = stateWithObjects(name);
      const { context } = fakeContext();

      const decision = decideUpdateObject(state, name, 'first', { name: 'first' }, context);

      expect(decision.events.map((event) => event.type)).toEqual([
        'org.openstack.metadefs.object.updated.v1',
      ]);
    });

    it('checks the modify rule', () => {
      const name = uniqueName('ns');
      const state = stateWithObjects(name);
      const { context, calls } = fakeContext();

      decideUpdateObject(state, name, 'first', { name: 'first' }, context);

      expect(calls.map((call) => call.rule)).toEqual(['modify_metadef_object']);
    });
  });

  describe('when the name changes', () => {
    it('records the previous name', () => {
      const name = uniqueName('ns');
      const state = stateWithObjects(name);
      const { context } = fakeContext();

      const decision = decideUpdateObject(state, name, 'first', { name: 'third' }, context);

      expect(decision.events[0].data).toMatchObject({ name: 'third', name_old: 'first' });
    });

    it('rejects a taken name', () => {
      const name = uniqueName('ns');
      const state = stateWithObjects(name);
      const { context } = fakeContext();

      const error = thrown(() =>
        decideUpdateObject(state, name, 'first', { name: 'second' }, context),
      );

      expect(error).toBeInstanceOf(ObjectRenameDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.OBJECT_RENAME_DUPLICATE,
        params: { name: 'first', namespace: name },
      });
    });
  });

  describe('when the object is missing', () => {
    it('raises not found after policy', () => {
      const name = uniqueName('ns');
      const state = stateWithObjects(name);
      const { context, calls } = fakeContext();

      const error = thrown(() =>
        decideUpdateObject(state, name, 'absent', { name: 'absent' }, context),
      );

      expect(error).toBeInstanceOf(ObjectNotFoundError);
      expect(calls.map((call) => call.rule)).toEqual(['modify_metadef_object']);
    });
  });

  describe('when text has 4-byte characters', () => {
    it('rejects with the update message', () => {
      const name = uniqueName('ns');
      const state = stateWithObjects(name);
      const { context } = fakeContext();

      const error = thrown(() =>
        decideUpdateObject(state, name, 'first', { name: `n${EMOJI}` }, context),
      );

      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_UPDATE,
        params: {
          kind: { key: 'kinds.object' },
          reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Name' } },
        },
      });
    });
  });
});

describe(decideDeleteObject.name, () => {
  describe('when the namespace is unprotected', () => {
    it('emits a deleted event with stored fields', () => {
      const name = uniqueName('ns');
      const state = seededState({
        namespace: name,
        objects: [{ name: 'o', required: ['a'], properties: { a: DEFINITION } }],
      });
      const { context } = fakeContext();

      const decision = decideDeleteObject(state, name, 'o', context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.object.deleted.v1',
          expect.objectContaining({
            name: 'o',
            required: ['a'],
            created_at: EARLIER_TEXT,
            deleted: true,
            deleted_at: NOW_TEXT,
          }),
        ],
      ]);
    });

    it('notifies an absent required as empty', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, objects: [{ name: 'o' }] });
      const { context } = fakeContext();

      const decision = decideDeleteObject(state, name, 'o', context);

      expect(decision.events[0].data).toMatchObject({ required: [] });
    });
  });

  describe('when the namespace is protected', () => {
    it('raises the object protection error', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, protected: true, objects: [{ name: 'o' }] });
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteObject(state, name, 'o', context));

      expect(error).toBeInstanceOf(ObjectProtectedError);
      expect(detailOf(error)).toEqual({ key: Messages.OBJECT_PROTECTED, params: { name: 'o' } });
    });

    it('reports a missing object first', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, protected: true });
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteObject(state, name, 'absent', context));

      expect(error).toBeInstanceOf(ObjectNotFoundError);
      expect(detailOf(error)).toEqual({
        key: Messages.OBJECT_NOT_FOUND,
        params: { name: 'absent' },
      });
    });
  });

  describe('when the policy denies', () => {
    it('checks policy before the object', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext({ deny: ['delete_metadef_object'] });

      const error = thrown(() => decideDeleteObject(state, name, 'absent', context));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });
});
