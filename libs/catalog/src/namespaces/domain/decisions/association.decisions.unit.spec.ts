import { ForbiddenError } from '../../../shared/domain/catalog-error';
import { namespaceStream, resourceTypeStream } from '../../../shared/domain/decision';
import { Messages } from '../../../shared/domain/messages';
import { CatalogState } from '../../../write-model/catalog-state';
import {
  AssociationDuplicateError,
  AssociationProtectedError,
  AssociationToDeleteNotFoundError,
  NamespaceNotFoundError,
} from '../namespace.errors';
import { decideAssociateResourceType, decideDissociateResourceType } from './association.decisions';
import {
  EARLIER_TEXT,
  EMOJI,
  NOW_TEXT,
  detailOf,
  fakeContext,
  seed,
  seededState,
  thrown,
  uniqueName,
} from './testing/decision-fixtures';

describe(decideAssociateResourceType.name, () => {
  describe('when the resource type is unknown', () => {
    it('creates it before associating', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const decision = decideAssociateResourceType(state, name, { name: resourceType }, context);

      expect(decision.events.map((event) => event.type)).toEqual([
        'org.openstack.metadefs.resource_type.created.v1',
        'org.openstack.metadefs.resource_type_association.created.v1',
      ]);
    });

    it('fills the association payload', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const decision = decideAssociateResourceType(
        state,
        name,
        { name: resourceType, prefix: 'hw:', properties_target: 'image' },
        context,
      );

      expect(decision.events[1].data).toEqual({
        namespace: name,
        name: resourceType,
        name_old: resourceType,
        prefix: 'hw:',
        properties_target: 'image',
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
        deleted: false,
        deleted_at: null,
      });
    });

    it('reads both streams', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const decision = decideAssociateResourceType(state, name, { name: resourceType }, context);

      expect(decision.streams).toEqual([namespaceStream(name), resourceTypeStream(resourceType)]);
    });
  });

  describe('when the resource type exists', () => {
    it('only associates', () => {
      const resourceType = uniqueName('OS::Type');
      const state = seededState({
        namespace: uniqueName('ns'),
        resource_type_associations: [{ name: resourceType }],
      });
      const name = uniqueName('ns');
      seed(state, { namespace: name });
      const { context } = fakeContext();

      const decision = decideAssociateResourceType(state, name, { name: resourceType }, context);

      expect(decision.events.map((event) => event.type)).toEqual([
        'org.openstack.metadefs.resource_type_association.created.v1',
      ]);
    });
  });

  describe('when the association exists', () => {
    it('raises the duplicate conflict', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const state = seededState({
        namespace: name,
        resource_type_associations: [{ name: resourceType }],
      });
      const { context } = fakeContext();

      const error = thrown(() =>
        decideAssociateResourceType(state, name, { name: resourceType }, context),
      );

      expect(error).toBeInstanceOf(AssociationDuplicateError);
      expect(detailOf(error)).toEqual({
        key: Messages.ASSOCIATION_DUPLICATE,
        params: { resourceType, namespace: name },
      });
    });
  });

  describe('when checking policy', () => {
    it('uses the association add rule', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context, calls } = fakeContext();

      decideAssociateResourceType(state, name, { name: uniqueName('OS::Type') }, context);

      expect(calls).toEqual([
        { rule: 'add_metadef_resource_type_association', target: state.namespace(name) },
      ]);
    });
  });

  describe('when text has 4-byte characters', () => {
    it('rejects the association', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const error = thrown(() =>
        decideAssociateResourceType(
          state,
          name,
          { name: 'OS::Nova::Flavor', properties_target: EMOJI },
          context,
        ),
      );

      expect(detailOf(error)).toEqual({
        key: Messages.COULD_NOT_CREATE,
        params: {
          kind: { key: 'kinds.resource_type' },
          reason: {
            key: Messages.FIELD_HAS_4_BYTE_CHARACTERS,
            params: { field: 'Properties_Target' },
          },
        },
      });
    });
  });

  describe('when the namespace is missing', () => {
    it('raises the short not-found error', () => {
      const { context } = fakeContext();

      const error = thrown(() =>
        decideAssociateResourceType(new CatalogState(), uniqueName('ns'), { name: 'x' }, context),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });
});

describe(decideDissociateResourceType.name, () => {
  describe('when the association exists', () => {
    it('emits a dissociated event', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const state = seededState({
        namespace: name,
        resource_type_associations: [{ name: resourceType, prefix: 'p_' }],
      });
      const { context } = fakeContext();

      const decision = decideDissociateResourceType(state, name, resourceType, context);

      expect(decision.events.map((event) => [event.type, event.data])).toEqual([
        [
          'org.openstack.metadefs.resource_type_association.deleted.v1',
          {
            namespace: name,
            name: resourceType,
            name_old: resourceType,
            prefix: 'p_',
            properties_target: null,
            created_at: EARLIER_TEXT,
            updated_at: EARLIER_TEXT,
            deleted: true,
            deleted_at: NOW_TEXT,
          },
        ],
      ]);
    });

    it('reads only the namespace stream', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const state = seededState({
        namespace: name,
        resource_type_associations: [{ name: resourceType }],
      });
      const { context } = fakeContext();

      const decision = decideDissociateResourceType(state, name, resourceType, context);

      expect(decision.streams).toEqual([namespaceStream(name)]);
    });
  });

  describe('when the association is missing', () => {
    it('raises the delete not-found error', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext();

      const error = thrown(() => decideDissociateResourceType(state, name, 'OS::Absent', context));

      expect(error).toBeInstanceOf(AssociationToDeleteNotFoundError);
      expect(detailOf(error)).toEqual({
        key: Messages.ASSOCIATION_TO_DELETE_NOT_FOUND,
        params: { resourceType: 'OS::Absent' },
      });
    });

    it('matches the name exactly', () => {
      const name = uniqueName('ns');
      const state = seededState({
        namespace: name,
        resource_type_associations: [{ name: 'OS::Nova::Flavor' }],
      });
      const { context } = fakeContext();

      const error = thrown(() =>
        decideDissociateResourceType(state, name, 'os::nova::flavor', context),
      );

      expect(error).toBeInstanceOf(AssociationToDeleteNotFoundError);
    });
  });

  describe('when the namespace is protected', () => {
    it('raises the association protection error', () => {
      const name = uniqueName('ns');
      const resourceType = uniqueName('OS::Type');
      const state = seededState({
        namespace: name,
        protected: true,
        resource_type_associations: [{ name: resourceType }],
      });
      const { context } = fakeContext();

      const error = thrown(() => decideDissociateResourceType(state, name, resourceType, context));

      expect(error).toBeInstanceOf(AssociationProtectedError);
      expect(detailOf(error)).toEqual({
        key: Messages.ASSOCIATION_PROTECTED,
        params: { resourceType },
      });
    });
  });

  describe('when the policy denies', () => {
    it('raises before the lookup', () => {
      const name = uniqueName('ns');
      const state = seededState({ namespace: name });
      const { context } = fakeContext({ deny: ['remove_metadef_resource_type_association'] });

      const error = thrown(() => decideDissociateResourceType(state, name, 'OS::Absent', context));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });
});
