import { ForbiddenError, InvalidInputError } from '../../../shared/domain/catalog-error';
import { namespaceStream, resourceTypeStream } from '../../../shared/domain/decision';
import { Messages } from '../../../shared/domain/messages';
import { CatalogState } from '../../../write-model/catalog-state';
import { NamespaceInput } from '../namespace.inputs';
import {
  AssociationDuplicateError,
  NamespaceDuplicateError,
  NamespaceNotFoundError,
  NamespaceProtectedError,
  NamespaceRenameDuplicateError,
  ObjectDuplicateError,
  TagDuplicateError,
} from '../namespace.errors';
import {
  decideCreateNamespace,
  decideDeleteAllChildren,
  decideDeleteNamespace,
  decideUpdateNamespace,
} from './namespace.decisions';
import {
  EMOJI,
  NOW_TEXT,
  READER,
  detailOf,
  fakeContext,
  seed,
  thrown,
  uniqueName,
} from './testing/decision-fixtures';

describe(decideCreateNamespace.name, () => {
  describe('when the body holds only namespace fields', () => {
    it('emits one created event', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(new CatalogState(), { namespace: name }, context);

      expect(decision.events.map((event) => event.type)).toEqual([
        'org.openstack.metadefs.namespace.created.v1',
      ]);
    });

    it('fills the notification payload', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(new CatalogState(), { namespace: name }, context);

      expect(decision.events[0].data).toEqual({
        namespace: name,
        namespace_old: name,
        display_name: null,
        protected: false,
        visibility: 'private',
        owner: 'admin-project',
        description: null,
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
        deleted: false,
        deleted_at: null,
      });
    });

    it('reads the namespace stream only', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(new CatalogState(), { namespace: name }, context);

      expect(decision.streams).toEqual([namespaceStream(name)]);
    });

    it('checks the create rule without target', () => {
      const { context, calls } = fakeContext();

      decideCreateNamespace(new CatalogState(), { namespace: uniqueName('ns') }, context);

      expect(calls).toEqual([{ rule: 'add_metadef_namespace' }]);
    });

    it('keeps given fields and owner', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();
      const input: NamespaceInput = {
        namespace: name,
        display_name: 'Display',
        description: 'About it',
        visibility: 'public',
        protected: true,
        owner: 'other-project',
      };

      const { result } = decideCreateNamespace(new CatalogState(), input, context);

      expect(result.record).toMatchObject({
        display_name: 'Display',
        description: 'About it',
        visibility: 'public',
        protected: true,
        owner: 'other-project',
      });
    });
  });

  describe('when embedded collections are empty', () => {
    it('checks only the create rule', () => {
      const { context, calls } = fakeContext();
      const input: NamespaceInput = {
        namespace: uniqueName('ns'),
        resource_type_associations: [],
        objects: [],
        properties: {},
        tags: [],
      };

      decideCreateNamespace(new CatalogState(), input, context);

      expect(calls.map((call) => call.rule)).toEqual(['add_metadef_namespace']);
    });
  });

  describe('when the body embeds children', () => {
    function embeddedInput(name: string, resourceType: string): NamespaceInput {
      return {
        namespace: name,
        resource_type_associations: [{ name: resourceType, prefix: 'hw_' }],
        objects: [
          {
            name: 'CPU Limits',
            description: 'Limits',
            properties: { quota: { title: 'Quota', type: 'integer', minimum: 0, default: '5' } },
          },
        ],
        tags: [{ name: 'fast' }],
        properties: { speed: { title: 'Speed', type: 'string', enum: ['slow', 'fast'] } },
      };
    }

    it('emits events in creation order', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(name, uniqueName('OS::Type')),
        context,
      );

      expect(decision.events.map((event) => event.type)).toEqual([
        'org.openstack.metadefs.namespace.created.v1',
        'org.openstack.metadefs.resource_type.created.v1',
        'org.openstack.metadefs.resource_type_association.created.v1',
        'org.openstack.metadefs.object.created.v1',
        'org.openstack.metadefs.tag.created.v1',
        'org.openstack.metadefs.property.created.v1',
      ]);
    });

    it('checks one add rule per collection', () => {
      const { context, calls } = fakeContext();

      decideCreateNamespace(
        new CatalogState(),
        embeddedInput(uniqueName('ns'), uniqueName('OS::Type')),
        context,
      );

      expect(calls.map((call) => call.rule)).toEqual([
        'add_metadef_namespace',
        'add_metadef_resource_type_association',
        'add_metadef_object',
        'add_metadef_property',
        'add_metadef_tag',
      ]);
    });

    it('reads namespace and resource type streams', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(name, resourceType),
        context,
      );

      expect(decision.streams).toEqual([namespaceStream(name), resourceTypeStream(resourceType)]);
    });

    it('creates the resource type unprotected', () => {
      const resourceType = uniqueName('OS::Type');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(uniqueName('ns'), resourceType),
        context,
      );

      expect(decision.events[1].data).toEqual({
        name: resourceType,
        protected: false,
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
      });
    });

    it('fills the association payload', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(name, resourceType),
        context,
      );

      expect(decision.events[2].data).toEqual({
        namespace: name,
        name: resourceType,
        name_old: resourceType,
        prefix: 'hw_',
        properties_target: null,
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
        deleted: false,
        deleted_at: null,
      });
    });

    it('fills the object payload', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(name, uniqueName('OS::Type')),
        context,
      );

      expect(decision.events[3].data).toEqual({
        namespace: name,
        name: 'CPU Limits',
        name_old: 'CPU Limits',
        properties: [
          {
            name: 'quota',
            type: 'integer',
            title: 'Quota',
            description: null,
            default: '5',
            minimum: null,
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
          },
        ],
        required: null,
        description: 'Limits',
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
        deleted: false,
        deleted_at: null,
        property_definitions: [
          {
            name: 'quota',
            definition: { title: 'Quota', type: 'integer', minimum: 0, default: '5' },
          },
        ],
      });
    });

    it('fills the tag payload', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(name, uniqueName('OS::Type')),
        context,
      );

      expect(decision.events[4].data).toEqual({
        namespace: name,
        name: 'fast',
        name_old: 'fast',
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
        deleted: false,
        deleted_at: null,
      });
    });

    it('fills the property payload', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(name, uniqueName('OS::Type')),
        context,
      );

      expect(decision.events[5].data).toEqual({
        namespace: name,
        name: 'speed',
        name_old: 'speed',
        type: 'string',
        title: 'Speed',
        description: null,
        default: null,
        minimum: null,
        maximum: null,
        enum: ['slow', 'fast'],
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
        definition: { title: 'Speed', type: 'string', enum: ['slow', 'fast'] },
      });
    });

    it('returns the record with children', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const { result } = decideCreateNamespace(
        new CatalogState(),
        embeddedInput(name, uniqueName('OS::Type')),
        context,
      );

      expect({
        associations: result.record.resource_type_associations.length,
        objects: result.record.objects.map((object) => object.name),
        tags: result.record.tags.map((tag) => tag.name),
        properties: result.record.properties.map((property) => property.name),
      }).toEqual({
        associations: 1,
        objects: ['CPU Limits'],
        tags: ['fast'],
        properties: ['speed'],
      });
    });
  });

  describe('when the resource type exists', () => {
    it('creates only the association', () => {
      const state = new CatalogState();
      const resourceType = uniqueName('OS::Type');
      seed(state, {
        namespace: uniqueName('ns'),
        resource_type_associations: [{ name: resourceType }],
      });
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        state,
        { namespace: uniqueName('ns'), resource_type_associations: [{ name: resourceType }] },
        context,
      );

      expect(decision.events.map((event) => event.type)).toEqual([
        'org.openstack.metadefs.namespace.created.v1',
        'org.openstack.metadefs.resource_type_association.created.v1',
      ]);
    });

    it('still reads its stream', () => {
      const state = new CatalogState();
      const resourceType = uniqueName('OS::Type');
      seed(state, {
        namespace: uniqueName('ns'),
        resource_type_associations: [{ name: resourceType }],
      });
      const { context } = fakeContext();

      const decision = decideCreateNamespace(
        state,
        { namespace: uniqueName('ns'), resource_type_associations: [{ name: resourceType }] },
        context,
      );

      expect(decision.streams).toContain(resourceTypeStream(resourceType));
    });
  });

  describe('when the name exists', () => {
    it('raises the duplicate conflict', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context } = fakeContext();

      const error = thrown(() => decideCreateNamespace(state, { namespace: name }, context));

      expect(error).toBeInstanceOf(NamespaceDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.NAMESPACE_DUPLICATE,
        params: { namespace: name },
      });
    });

    it('conflicts with invisible namespaces too', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name, owner: 'other-project' });
      const { context } = fakeContext({ caller: READER });

      const error = thrown(() => decideCreateNamespace(state, { namespace: name }, context));

      expect(error).toBeInstanceOf(NamespaceDuplicateError);
    });

    it('checks policy before duplicates', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context } = fakeContext({ deny: ['add_metadef_namespace'] });

      const error = thrown(() => decideCreateNamespace(state, { namespace: name }, context));

      expect(detailOf(error)).toEqual({
        key: Messages.POLICY_FORBIDDEN,
        params: { rule: 'add_metadef_namespace' },
      });
    });
  });

  describe('when a collection rule is denied', () => {
    it('raises before deciding anything', () => {
      const { context } = fakeContext({ deny: ['add_metadef_tag'] });
      const input: NamespaceInput = { namespace: uniqueName('ns'), tags: [{ name: 'a' }] };

      const error = thrown(() => decideCreateNamespace(new CatalogState(), input, context));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });

  describe('when the body repeats a child', () => {
    it('rejects a twice-named resource type', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const { context } = fakeContext();
      const input: NamespaceInput = {
        namespace: name,
        resource_type_associations: [{ name: resourceType }, { name: resourceType, prefix: 'x_' }],
      };

      const error = thrown(() => decideCreateNamespace(new CatalogState(), input, context));

      expect(error).toBeInstanceOf(AssociationDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.ASSOCIATION_DUPLICATE,
        params: { resourceType, namespace: name },
      });
    });

    it('rejects a twice-named object', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();
      const input: NamespaceInput = { namespace: name, objects: [{ name: 'o' }, { name: 'o' }] };

      const error = thrown(() => decideCreateNamespace(new CatalogState(), input, context));

      expect(error).toBeInstanceOf(ObjectDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.OBJECT_DUPLICATE,
        params: { name: 'o', namespace: name },
      });
    });

    it('rejects a twice-named tag', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();
      const input: NamespaceInput = { namespace: name, tags: [{ name: 't' }, { name: 't' }] };

      const error = thrown(() => decideCreateNamespace(new CatalogState(), input, context));

      expect(error).toBeInstanceOf(TagDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.TAG_DUPLICATE,
        params: { name: 't', namespace: name },
      });
    });
  });

  describe('when text has 4-byte characters', () => {
    const cases: ReadonlyArray<{
      readonly label: string;
      readonly input: (name: string) => NamespaceInput;
      readonly reason: object;
    }> = [
      {
        label: 'a namespace field',
        input: (name) => ({ namespace: name, display_name: `smile ${EMOJI}` }),
        reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Display_Name' } },
      },
      {
        label: 'an association prefix',
        input: (name) => ({
          namespace: name,
          resource_type_associations: [{ name: 'OS::Nova::Flavor', prefix: EMOJI }],
        }),
        reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Prefix' } },
      },
      {
        label: 'an object description',
        input: (name) => ({ namespace: name, objects: [{ name: 'o', description: EMOJI }] }),
        reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Description' } },
      },
      {
        label: 'an object property name',
        input: (name) => ({
          namespace: name,
          objects: [{ name: 'o', properties: { [EMOJI]: { title: 't', type: 'string' } } }],
        }),
        reason: { key: Messages.KEY_HAS_4_BYTE_CHARACTERS },
      },
      {
        label: 'a tag name',
        input: (name) => ({ namespace: name, tags: [{ name: EMOJI }] }),
        reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Name' } },
      },
      {
        label: 'a property title',
        input: (name) => ({
          namespace: name,
          properties: { p: { title: EMOJI, type: 'string' } },
        }),
        reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Title' } },
      },
    ];

    it.each(cases)('reports $label under the namespace', ({ input, reason }) => {
      const { context } = fakeContext();

      const error = thrown(() =>
        decideCreateNamespace(new CatalogState(), input(uniqueName('ns')), context),
      );

      expect(error).toBeInstanceOf(InvalidInputError);
      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_CREATE,
        params: { kind: { key: 'kinds.namespace' }, reason },
      });
    });
  });
});

describe(decideUpdateNamespace.name, () => {
  function seededState(name: string, input: Partial<NamespaceInput> = {}): CatalogState {
    const state = new CatalogState();
    seed(state, {
      namespace: name,
      display_name: 'Old',
      description: 'Old text',
      visibility: 'public',
      protected: true,
      owner: 'owner-project',
      objects: [{ name: 'kept' }],
      ...input,
    });
    return state;
  }

  describe('when the name stays', () => {
    it('emits one updated event', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context } = fakeContext();

      const decision = decideUpdateNamespace(state, name, { namespace: name }, context);

      expect(decision.events.map((event) => event.type)).toEqual([
        'org.openstack.metadefs.namespace.updated.v1',
      ]);
    });

    it('resets omitted fields to defaults', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context } = fakeContext();

      const decision = decideUpdateNamespace(state, name, { namespace: name }, context);

      expect(decision.events[0].data).toEqual({
        namespace: name,
        namespace_old: name,
        display_name: null,
        protected: false,
        visibility: 'private',
        owner: 'admin-project',
        description: null,
        created_at: '2023-01-02T03:04:05Z',
        updated_at: NOW_TEXT,
        deleted: false,
        deleted_at: null,
      });
    });

    it('gives an empty owner to the caller', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context } = fakeContext();

      const { result } = decideUpdateNamespace(
        state,
        name,
        { namespace: name, owner: '' },
        context,
      );

      expect(result.owner).toBe('admin-project');
    });

    it('keeps a given owner', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context } = fakeContext();

      const { result } = decideUpdateNamespace(
        state,
        name,
        { namespace: name, owner: 'third-project' },
        context,
      );

      expect(result.owner).toBe('third-project');
    });

    it('keeps the owner without caller project', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context } = fakeContext({ caller: { projectId: null } });

      const { result } = decideUpdateNamespace(state, name, { namespace: name }, context);

      expect(result.owner).toBe('owner-project');
    });

    it('leaves children untouched', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context } = fakeContext();
      const input: NamespaceInput = { namespace: name, objects: [{ name: 'ignored' }] };

      const { result } = decideUpdateNamespace(state, name, input, context);

      expect(result.objects.map((object) => object.name)).toEqual(['kept']);
    });

    it('checks the modify rule on the namespace', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context, calls } = fakeContext();

      decideUpdateNamespace(state, name, { namespace: name }, context);

      expect(calls).toEqual([{ rule: 'modify_metadef_namespace', target: state.namespace(name) }]);
    });
  });

  describe('when the name changes', () => {
    it('records the previous name', () => {
      const name = uniqueName('ns');
      const renamed = uniqueName('renamed');
      const state = seededState(name);
      const { context } = fakeContext();

      const decision = decideUpdateNamespace(state, name, { namespace: renamed }, context);

      expect(decision.events[0].data).toMatchObject({ namespace: renamed, namespace_old: name });
    });

    it('reads both name streams', () => {
      const name = uniqueName('ns');
      const renamed = uniqueName('renamed');
      const state = seededState(name);
      const { context } = fakeContext();

      const decision = decideUpdateNamespace(state, name, { namespace: renamed }, context);

      expect(decision.streams).toEqual([namespaceStream(name), namespaceStream(renamed)]);
    });

    it('rejects a taken name', () => {
      const name = uniqueName('ns');
      const existingName = uniqueName('existing');
      const state = seededState(name);
      seed(state, { namespace: existingName });
      const { context } = fakeContext();

      const error = thrown(() =>
        decideUpdateNamespace(state, name, { namespace: existingName }, context),
      );

      expect(error).toBeInstanceOf(NamespaceRenameDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.NAMESPACE_RENAME_DUPLICATE,
        params: { namespace: existingName },
      });
    });
  });

  describe('when the namespace is missing', () => {
    it('raises the short not-found error', () => {
      const name = uniqueName('ns');
      const { context } = fakeContext();

      const error = thrown(() =>
        decideUpdateNamespace(new CatalogState(), name, { namespace: name }, context),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
      expect(detailOf(error)).toEqual({
        key: Messages.NAMESPACE_NOT_FOUND,
        params: { namespace: name },
      });
    });
  });

  describe('when the namespace is invisible', () => {
    it('reports it as missing', () => {
      const name = uniqueName('ns');
      const state = seededState(name, { visibility: 'private' });
      const { context } = fakeContext({ caller: READER });

      const error = thrown(() => decideUpdateNamespace(state, name, { namespace: name }, context));

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });

    it('checks no policy', () => {
      const name = uniqueName('ns');
      const state = seededState(name, { visibility: 'private' });
      const { context, calls } = fakeContext({ caller: READER });

      thrown(() => decideUpdateNamespace(state, name, { namespace: name }, context));

      expect(calls).toEqual([]);
    });
  });

  describe('when text has 4-byte characters', () => {
    it('rejects the update', () => {
      const name = uniqueName('ns');
      const state = seededState(name);
      const { context } = fakeContext();

      const error = thrown(() =>
        decideUpdateNamespace(state, name, { namespace: name, description: EMOJI }, context),
      );

      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_UPDATE,
        params: {
          kind: { key: 'kinds.namespace' },
          reason: { key: Messages.FIELD_HAS_4_BYTE_CHARACTERS, params: { field: 'Description' } },
        },
      });
    });
  });
});

describe(decideDeleteNamespace.name, () => {
  describe('when the namespace is unprotected', () => {
    it('emits a deleted event', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context } = fakeContext();

      const decision = decideDeleteNamespace(state, name, context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.namespace.deleted.v1',
          expect.objectContaining({ namespace: name, deleted: true, deleted_at: NOW_TEXT }),
        ],
      ]);
    });

    it('checks the delete rule', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context, calls } = fakeContext();

      decideDeleteNamespace(state, name, context);

      expect(calls.map((call) => call.rule)).toEqual(['delete_metadef_namespace']);
    });
  });

  describe('when the namespace is protected', () => {
    it('raises the protection error', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name, protected: true });
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteNamespace(state, name, context));

      expect(error).toBeInstanceOf(NamespaceProtectedError);
      expect(detailOf(error)).toEqual({
        key: Messages.NAMESPACE_PROTECTED,
        params: { namespace: name },
      });
    });

    it('reports policy before protection', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name, protected: true });
      const { context } = fakeContext({ deny: ['delete_metadef_namespace'] });

      const error = thrown(() => decideDeleteNamespace(state, name, context));

      expect(detailOf(error).key).toBe(Messages.POLICY_FORBIDDEN);
    });
  });

  describe('when the namespace is missing', () => {
    it('raises the short not-found error', () => {
      const { context } = fakeContext();

      const error = thrown(() =>
        decideDeleteNamespace(new CatalogState(), uniqueName('ns'), context),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });
});

describe(decideDeleteAllChildren.name, () => {
  const collections = [
    { collection: 'objects', type: 'org.openstack.metadefs.namespace.objects_deleted.v1' },
    { collection: 'properties', type: 'org.openstack.metadefs.namespace.properties_deleted.v1' },
    { collection: 'tags', type: 'org.openstack.metadefs.namespace.tags_deleted.v1' },
  ] as const;

  describe.each(collections)('when deleting all $collection', ({ collection, type }) => {
    it('emits the collection event', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context } = fakeContext();

      const decision = decideDeleteAllChildren(state, name, collection, context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [type, expect.objectContaining({ namespace: name, deleted: false, deleted_at: null })],
      ]);
    });

    it('refuses a protected namespace', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name, protected: true });
      const { context } = fakeContext();

      const error = thrown(() => decideDeleteAllChildren(state, name, collection, context));

      expect(error).toBeInstanceOf(NamespaceProtectedError);
    });

    it('reports a missing namespace', () => {
      const { context } = fakeContext();

      const error = thrown(() =>
        decideDeleteAllChildren(new CatalogState(), uniqueName('ns'), collection, context),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });

  describe('when checking policy', () => {
    it('uses the namespace delete rule', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context, calls } = fakeContext();

      decideDeleteAllChildren(state, name, 'objects', context);

      expect(calls.map((call) => call.rule)).toEqual(['delete_metadef_namespace']);
    });

    it('adds the tags rule for tags', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context, calls } = fakeContext();

      decideDeleteAllChildren(state, name, 'tags', context);

      expect(calls.map((call) => call.rule)).toEqual([
        'delete_metadef_namespace',
        'delete_metadef_tags',
      ]);
    });
  });
});
