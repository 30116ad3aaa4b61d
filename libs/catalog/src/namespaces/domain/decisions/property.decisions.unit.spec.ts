import { ForbiddenError } from '../../../shared/domain/catalog-error';
import { namespaceStream } from '../../../shared/domain/decision';
import { Messages } from '../../../shared/domain/messages';
import { CatalogState } from '../../../write-model/catalog-state';
import {
  NamespaceNotFoundError,
  PropertyDuplicateError,
  PropertyNotFoundError,
  PropertyProtectedError,
  PropertyRenameDuplicateError,
} from '../namespace.errors';
import {
  decideCreateProperty,
  decideDeleteProperty,
  decideUpdateProperty,
} from './property.decisions';
import {
  EMOJI,
  NOW_TEXT,
  READER,
  detailOf,
  fakeContext,
  seededState,
  thrown,
  uniqueName,
} from './testing/decision-fixtures';

function definitionOf(name: string, extra: Record<string, string | number> = {}) {
  return { name, title: 'Speed', type: 'integer', minimum: 0, operators: ['<or>'], ...extra };
}

describe(decideCreateProperty.name, () => {
  describe('when the property is new', () => {
    it('emits one created event', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();
      const definition = definitionOf('speed', { default: '10' });

      const decision = decideCreateProperty(state, name, { name: 'speed', definition }, context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.property.created.v1',
          {
            namespace: name,
            name: 'speed',
            name_old: 'speed',
            type: 'integer',
            title: 'Speed',
            description: null,
            default: '10',
            minimum: 0,
            maximum: null,
            enum: null,
            pattern: null,
            minLength: null,
            maxLength: null,
            confidential: null,
            items: null,
            uniqueItems: null,
            minItems: null,
            maxItems: null,
            additionalItems: null,
            deleted: false,
            deleted_at: null,
            definition,
          },
        ],
      ]);
    });

    it('reads the namespace stream', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const decision = decideCreateProperty(
        state,
        name,
        { name: 'speed', definition: definitionOf('speed') },
        context,
      );

      expect(decision.streams).toEqual([namespaceStream(name)]);
    });

    it('checks the add rule', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context, calls } = fakeContext();

      decideCreateProperty(
        state,
        name,
        { name: 'speed', definition: definitionOf('speed') },
        context,
      );

      expect(calls).toEqual([{ rule: 'add_metadef_property', target: state.namespace(name) }]);
    });
  });

  describe('when the name exists', () => {
    it('raises the duplicate conflict', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, properties: { speed: definitionOf('speed') } });
      const { context } = fakeContext();

      const error = thrown(() =>
        decideCreateProperty(
          state,
          name,
          { name: 'speed', definition: definitionOf('speed') },
          context,
        ),
      );

      expect(error).toBeInstanceOf(PropertyDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.PROPERTY_DUPLICATE,
        params: { name: 'speed', namespace: name },
      });
    });
  });

  describe('when the namespace is missing', () => {
    it('raises the short not-found error', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const error = thrown(() =>
        decideCreateProperty(
          new CatalogState(),
          name,
          { name: 'speed', definition: definitionOf('speed') },
          context,
        ),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });

  describe('when text has 4-byte characters', () => {
    it('rejects the name', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();
      const propertyName = `p${EMOJI}`;

      const error = thrown(() =>
        decideCreateProperty(
          state,
          name,
          { name: propertyName, definition: definitionOf(propertyName) },
          context,
        ),
      );

      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_CREATE,
        params: {
          kind: { key: 'kinds.property' },
          reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Name' } },
        },
      });
    });

    it('rejects a definition value', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();
      const definition = definitionOf('p', { pattern: EMOJI });

      const error = thrown(() =>
        decideCreateProperty(state, name, { name: 'p', definition }, context),
      );

      expect(detailOf(error).params?.reason).toEqual({
        key: Messages.FIELD_HAS_4_BYTE_CHARACTERS,
        params: { field: 'Pattern' },
      });
    });
  });
});

describe(decideUpdateProperty.name, () => {
  function stateWithProperties(name: string): CatalogState {
    return seededState({
      namespace: name,
      properties: { speed: definitionOf('speed'), size: definitionOf('size') },
    });
  }

  describe('when the name changes', () => {
    it('records the previous name', () => {
      const name = uniqueName('ns');
      const state = stateWithProperties(name);
      const { context } = fakeContext();

      const decision = decideUpdateProperty(
        state,
        name,
        'speed',
        { name: 'velocity', definition: definitionOf('velocity') },
        context,
      );

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.property.updated.v1',
          expect.objectContaining({
            name: 'velocity',
            name_old: 'speed',
            definition: definitionOf('velocity'),
          }),
        ],
      ]);
    });

    it('rejects a taken name', () => {
      const name = uniqueName('ns');
      const state = stateWithProperties(name);
      const { context } = fakeContext();

      const error = thrown(() =>
        decideUpdateProperty(
          state,
          name,
          'speed',
          { name: 'size', definition: definitionOf('size') },
          context,
        ),
      );

      expect(error).toBeInstanceOf(PropertyRenameDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.PROPERTY_RENAME_DUPLICATE,
        params: { name: 'speed', namespace: name },
      });
    });
  });

  describe('when the name stays', () => {
    it('returns the new definition', () => {
      const name = uniqueName('ns');
      const state = stateWithProperties(name);
      const { context } = fakeContext();
      const definition = definitionOf('speed', { maximum: 9 });

      const { result } = decideUpdateProperty(
        state,
        name,
        'speed',
        { name: 'speed', definition },
        context,
      );

      expect(result).toEqual({ name: 'speed', definition });
    });
  });

  describe('when the property is missing', () => {
    it('raises not found after policy', () => {
      const name = uniqueName('ns');
      const state = stateWithProperties(name);
      const { context, calls } = fakeContext();

      const error = thrown(() =>
        decideUpdateProperty(
          state,
          name,
          'absent',
          { name: 'absent', definition: definitionOf('absent') },
          context,
        ),
      );

      expect(error).toBeInstanceOf(PropertyNotFoundError);
      expect(calls.map((call) => call.rule)).toEqual(['modify_metadef_property']);
    });
  });

  describe('when text has 4-byte characters', () => {
    it('rejects with the update message', () => {
      const name = uniqueName('ns');
      const state = stateWithProperties(name);
      const { context } = fakeContext();
      const definition = definitionOf('speed', { description: EMOJI });

      const error = thrown(() =>
        decideUpdateProperty(state, name, 'speed', { name: 'speed', definition }, context),
      );

      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_UPDATE,
        params: {
          kind: { key: 'kinds.property' },
          reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Description' } },
        },
      });
    });
  });
});

describe(decideDeleteProperty.name, () => {
  describe('when the namespace is unprotected', () => {
    it('emits a deleted event', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, properties: { speed: definitionOf('speed') } });
      const { context } = fakeContext();

      const decision = decideDeleteProperty(state, name, 'speed', context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.property.deleted.v1',
          expect.objectContaining({ name: 'speed', deleted: true, deleted_at: NOW_TEXT }),
        ],
      ]);
    });

    it('checks the remove rule', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, properties: { speed: definitionOf('speed') } });
      const { context, calls } = fakeContext();

      decideDeleteProperty(state, name, 'speed', context);

      expect(calls.map((call) => call.rule)).toEqual(['remove_metadef_property']);
    });
  });

  describe('when the namespace is protected', () => {
    it('raises the property protection error', () => {
      const name = uniqueName('ns');
      const state = seededState({
        namespace: name,
        protected: true,
        properties: { speed: definitionOf('speed') },
      });
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteProperty(state, name, 'speed', context));

      expect(error).toBeInstanceOf(PropertyProtectedError);
      expect(detailOf(error)).toEqual({
        key: Messages.PROPERTY_PROTECTED,
        params: { name: 'speed' },
      });
    });

    it('reports a missing property first', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, protected: true });
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteProperty(state, name, 'absent', context));

      expect(error).toBeInstanceOf(PropertyNotFoundError);
    });
  });

  describe('when the namespace is invisible', () => {
    it('raises the short not-found error', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, owner: 'other-project' });
      const { context } = fakeContext({ caller: READER });

      const error = thrown(() => decideDeleteProperty(state, name, 'speed', context));

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });

  describe('when the policy denies', () => {
    it('raises the policy error', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name, properties: { speed: definitionOf('speed') } });
      const { context } = fakeContext({ deny: ['remove_metadef_property'] });

      const error = thrown(() => decideDeleteProperty(state, name, 'speed', context));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });
});
