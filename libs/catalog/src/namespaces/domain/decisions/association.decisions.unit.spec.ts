import { randomUUID } from 'node:crypto';

import { CatalogError, CatalogMessage, ForbiddenError } from '../../../shared/domain/catalog-error';
import {
  Caller,
  Decision,
  DecisionContext,
  PolicyTarget,
  namespaceStream,
  resourceTypeStream,
} from '../../../shared/domain/decision';
import { Messages } from '../../../shared/domain/messages';
import { PolicyRule } from '../../../shared/domain/policy-rule';
import { CatalogEvent } from '../../../write-model/catalog-event';
import { CatalogState } from '../../../write-model/catalog-state';
import { Commit } from '../../../write-model/commit';
import { NamespaceInput } from '../namespace.inputs';
import {
  AssociationDuplicateError,
  AssociationProtectedError,
  AssociationToDeleteNotFoundError,
  NamespaceNotFoundError,
} from '../namespace.errors';
import { decideAssociateResourceType, decideDissociateResourceType } from './association.decisions';
import { decideCreateNamespace } from './namespace.decisions';

const NOW = new Date('2024-05-06T07:08:09.123Z');
const NOW_TEXT = '2024-05-06T07:08:09Z';
const EARLIER = new Date('2023-01-02T03:04:05Z');
const EARLIER_TEXT = '2023-01-02T03:04:05Z';
const EMOJI = '\u{1F600}';
const READER: Partial<Caller> = { projectId: 'reader-project', isAdmin: false };

interface PolicyCall {
  readonly rule: PolicyRule;
  readonly target?: PolicyTarget;
}

/** Creates a decision context whose policy records every check and denies the rules in `deny`. */
function fakeContext(
  options: { caller?: Partial<Caller>; deny?: readonly PolicyRule[]; now?: Date } = {},
): { context: DecisionContext; calls: PolicyCall[] } {
  const calls: PolicyCall[] = [];
  const context: DecisionContext = {
    now: options.now ?? NOW,
    caller: { projectId: 'admin-project', isAdmin: true, ...options.caller },
    authorize(rule, target) {
      calls.push(target === undefined ? { rule } : { rule, target });
      if (options.deny?.includes(rule)) {
        throw new ForbiddenError(Messages.POLICY_FORBIDDEN, { rule });
      }
    },
  };
  return { context, calls };
}

function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Builds the commit a writer would append for a decision taken against `state`. */
function commitOf(state: CatalogState, decision: Decision<unknown>): Commit {
  const expectedVersions: Record<string, number> = {};
  for (const stream of decision.streams) expectedVersions[stream] = state.versionOf(stream);
  return {
    id: randomUUID(),
    expectedVersions,
    events: decision.events.map((event, index) => ({
      position: state.position + index + 1,
      event: event as CatalogEvent,
    })),
  };
}

/** Creates a namespace with its children through its own decision, as an admin, earlier. */
function seededState(input: NamespaceInput): CatalogState {
  const state = new CatalogState();
  const { context } = fakeContext({ now: EARLIER });
  const result = state.apply(commitOf(state, decideCreateNamespace(state, input, context)));
  if (result.outcome !== 'applied') throw new Error(`Seeding failed: ${result.reason}`);
  return state;
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

function detailOf(error: unknown): CatalogMessage {
  return (error as CatalogError).detail;
}

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
      seedInto(state, { namespace: name });
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

/** Adds a namespace to an existing state. */
function seedInto(state: CatalogState, input: NamespaceInput): void {
  const { context } = fakeContext({ now: EARLIER });
  const result = state.apply(commitOf(state, decideCreateNamespace(state, input, context)));
  if (result.outcome !== 'applied') throw new Error(`Seeding failed: ${result.reason}`);
}
