import { randomUUID } from 'node:crypto';

import {
  decideCreateNamespace,
  decideDeleteNamespace,
  decideUpdateNamespace,
} from '../namespaces/domain/decisions/namespace.decisions';
import {
  decideCreateObject,
  decideUpdateObject,
} from '../namespaces/domain/decisions/object.decisions';
import { decideAssociateResourceType } from '../namespaces/domain/decisions/association.decisions';
import { decideCreateTags, decideUpdateTag } from '../namespaces/domain/decisions/tag.decisions';
import { decideCreateProperty } from '../namespaces/domain/decisions/property.decisions';
import { NamespaceInput } from '../namespaces/domain/namespace.inputs';
import {
  NamespaceCreatedEvent,
  ObjectCreatedEvent,
  namespacePayload,
  objectPayload,
} from '../namespaces/events';
import { ResourceTypeCreatedEvent, ResourceTypeDeletedEvent } from '../resource-types/events';
import {
  Decision,
  DecisionContext,
  namespaceStream,
  resourceTypeStream,
} from '../shared/domain/decision';
import { CatalogEvent } from './catalog-event';
import { CatalogState } from './catalog-state';
import { Commit } from './commit';

const NOW = new Date('2024-05-06T07:08:09Z');
const NOW_TEXT = '2024-05-06T07:08:09Z';

const ADMIN: DecisionContext = {
  now: NOW,
  caller: { projectId: 'admin-project', isAdmin: true },
  authorize: () => undefined,
};

function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Numbers commits the way a log would: each commit's events take the next positions, and the
 * expected versions are read from the state the decision was taken against.
 */
class LogWriter {
  private next = 1;

  commit(decidedAgainst: CatalogState, decision: Decision<unknown>): Commit {
    const expectedVersions: Record<string, number> = {};
    for (const stream of decision.streams) {
      expectedVersions[stream] = decidedAgainst.versionOf(stream);
    }
    return this.raw(expectedVersions, decision.events as readonly CatalogEvent[]);
  }

  raw(expectedVersions: Record<string, number>, events: readonly CatalogEvent[]): Commit {
    const positioned = events.map((event) => ({ position: this.next++, event }));
    return { id: randomUUID(), expectedVersions, events: positioned };
  }
}

function create(input: NamespaceInput) {
  return (state: CatalogState) => decideCreateNamespace(state, input, ADMIN);
}

function emptyNamespace(name: string) {
  return {
    seq: 0,
    namespace: name,
    display_name: null,
    description: null,
    visibility: 'private',
    protected: false,
    owner: 'admin-project',
    created_at: NOW_TEXT,
    updated_at: NOW_TEXT,
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
  };
}

describe(CatalogState.name, () => {
  describe('when a commit applies', () => {
    it('stores the namespace at its position', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');

      state.apply(log.commit(state, create({ namespace: name })(state)));

      expect(state.namespace(name)).toEqual({ ...emptyNamespace(name), seq: 1 });
    });

    it('reports the applied outcome', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');

      const result = state.apply(log.commit(state, create({ namespace: name })(state)));

      expect(result).toEqual({
        outcome: 'applied',
        namespaces: [{ seq: 1, after: state.namespace(name) }],
        resourceTypes: [],
      });
    });

    it('bumps the touched stream versions', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');
      const type = uniqueName('OS::Type');
      const input = { namespace: name, resource_type_associations: [{ name: type }] };

      state.apply(log.commit(state, create(input)(state)));

      expect(state.versionOf(namespaceStream(name))).toBe(1);
      expect(state.versionOf(resourceTypeStream(type))).toBe(1);
    });

    it('advances the position', () => {
      const state = new CatalogState();
      const log = new LogWriter();

      state.apply(
        log.commit(state, create({ namespace: uniqueName('ns'), tags: [{ name: 't' }] })(state)),
      );

      expect(state.position).toBe(2);
    });
  });

  describe('when resource type events apply', () => {
    it('creates the type at its position', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');
      const type = uniqueName('OS::Type');
      state.apply(log.commit(state, create({ namespace: name })(state)));

      const result = state.apply(
        log.commit(state, decideAssociateResourceType(state, name, { name: type }, ADMIN)),
      );

      expect(result.resourceTypes).toEqual([
        {
          name: type,
          after: {
            name: type,
            seq: 2,
            protected: false,
            created_at: NOW_TEXT,
            updated_at: NOW_TEXT,
          },
        },
      ]);
    });

    it('removes a deleted type', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const type = uniqueName('OS::Type');
      const payload = { name: type, protected: true, created_at: NOW_TEXT, updated_at: null };
      state.apply(log.raw({}, [new ResourceTypeCreatedEvent(payload)]));

      const result = state.apply(log.raw({}, [new ResourceTypeDeletedEvent(payload)]));

      expect(state.resourceType(type)).toBeUndefined();
      expect(result.resourceTypes).toEqual([{ name: type, after: undefined }]);
    });
  });

  describe('when an event does not fit', () => {
    function brokenCommit(log: LogWriter, name: string): Commit {
      const record = emptyNamespace(name);
      const object = {
        name: 'o',
        description: null,
        required: [],
        properties: [],
        created_at: NOW_TEXT,
        updated_at: NOW_TEXT,
      };
      return log.raw({ [namespaceStream(name)]: 0 }, [
        new NamespaceCreatedEvent(namespacePayload(record)),
        new ObjectCreatedEvent(objectPayload(name, object)),
        new ObjectCreatedEvent(objectPayload(name, object)),
      ]);
    }

    it('reports the commit invalid', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');

      const result = state.apply(brokenCommit(new LogWriter(), name));

      expect(result).toEqual({
        outcome: 'invalid',
        reason: expect.stringContaining('already exists'),
        namespaces: [],
        resourceTypes: [],
      });
    });

    it('applies none of its events', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');

      state.apply(brokenCommit(new LogWriter(), name));

      expect(state.namespace(name)).toBeUndefined();
    });

    it('leaves stream versions alone', () => {
      const state = new CatalogState();
      const name = uniqueName('ns');

      state.apply(brokenCommit(new LogWriter(), name));

      expect(state.versionOf(namespaceStream(name))).toBe(0);
    });
  });

  describe('when expected versions moved', () => {
    it('applies exactly one of two creates', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');
      const first = log.commit(state, create({ namespace: name, display_name: 'first' })(state));
      const second = log.commit(state, create({ namespace: name, display_name: 'second' })(state));

      const outcomes = [state.apply(first).outcome, state.apply(second).outcome];

      expect(outcomes).toEqual(['applied', 'conflict']);
    });

    it('keeps the winner', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');
      const first = log.commit(state, create({ namespace: name, display_name: 'first' })(state));
      const second = log.commit(state, create({ namespace: name, display_name: 'second' })(state));

      state.apply(first);
      state.apply(second);

      expect(state.namespace(name)?.display_name).toBe('first');
    });

    it('still advances the position', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');
      const first = log.commit(state, create({ namespace: name })(state));
      const second = log.commit(state, create({ namespace: name })(state));

      state.apply(first);
      state.apply(second);

      expect(state.position).toBe(2);
    });

    it('stops two renames to one name', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const [a, b, target] = [uniqueName('a'), uniqueName('b'), uniqueName('target')];
      state.apply(log.commit(state, create({ namespace: a })(state)));
      state.apply(log.commit(state, create({ namespace: b })(state)));
      const renameA = log.commit(
        state,
        decideUpdateNamespace(state, a, { namespace: target }, ADMIN),
      );
      const renameB = log.commit(
        state,
        decideUpdateNamespace(state, b, { namespace: target }, ADMIN),
      );

      const outcomes = [state.apply(renameA).outcome, state.apply(renameB).outcome];

      expect(outcomes).toEqual(['applied', 'conflict']);
    });

    it('lets unrelated streams through', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const first = log.commit(state, create({ namespace: uniqueName('ns') })(state));
      const second = log.commit(state, create({ namespace: uniqueName('ns') })(state));

      const outcomes = [state.apply(first).outcome, state.apply(second).outcome];

      expect(outcomes).toEqual(['applied', 'applied']);
    });
  });

  describe('when a namespace is renamed', () => {
    function renamedState() {
      const state = new CatalogState();
      const log = new LogWriter();
      const [name, renamed] = [uniqueName('ns'), uniqueName('renamed')];
      state.apply(log.commit(state, create({ namespace: name, objects: [{ name: 'o' }] })(state)));
      const result = state.apply(
        log.commit(state, decideUpdateNamespace(state, name, { namespace: renamed }, ADMIN)),
      );
      return { state, name, renamed, result };
    }

    it('frees the old name', () => {
      const { state, name } = renamedState();

      expect(state.namespace(name)).toBeUndefined();
    });

    it('keeps seq and children', () => {
      const { state, renamed } = renamedState();

      expect(state.namespace(renamed)).toMatchObject({ seq: 1, objects: [{ name: 'o' }] });
    });

    it('reports one change by seq', () => {
      const { state, renamed, result } = renamedState();

      expect(result.namespaces).toEqual([{ seq: 1, after: state.namespace(renamed) }]);
    });

    it('bumps both name streams', () => {
      const { state, name, renamed } = renamedState();

      expect(state.versionOf(namespaceStream(name))).toBe(2);
      expect(state.versionOf(namespaceStream(renamed))).toBe(1);
    });
  });

  describe('when a namespace is deleted', () => {
    it('reports the change without a record', () => {
      const state = new CatalogState();
      const log = new LogWriter();
      const name = uniqueName('ns');
      state.apply(log.commit(state, create({ namespace: name })(state)));

      const result = state.apply(log.commit(state, decideDeleteNamespace(state, name, ADMIN)));

      expect(result.namespaces).toEqual([{ seq: 1 }]);
    });
  });

  describe('when the same log is replayed', () => {
    function history(): Commit[] {
      const state = new CatalogState();
      const log = new LogWriter();
      const commits: Commit[] = [];
      const [name, other, renamed] = [uniqueName('ns'), uniqueName('other'), uniqueName('renamed')];
      const steps: Array<(current: CatalogState) => Decision<unknown>> = [
        create({ namespace: name, resource_type_associations: [{ name: 'OS::Nova::Flavor' }] }),
        create({ namespace: other, tags: [{ name: 'x' }] }),
        (current) => decideCreateObject(current, name, { name: 'o', required: ['p'] }, ADMIN),
        (current) =>
          decideCreateProperty(
            current,
            name,
            { name: 'p', definition: { name: 'p', title: 'P', type: 'string' } },
            ADMIN,
          ),
        (current) => decideCreateTags(current, other, ['y', 'z'], false, ADMIN),
        (current) => decideUpdateTag(current, other, 'y', 'w', ADMIN),
        (current) => decideUpdateObject(current, name, 'o', { name: 'renamed-o' }, ADMIN),
        (current) => decideUpdateNamespace(current, name, { namespace: renamed }, ADMIN),
        (current) => decideDeleteNamespace(current, other, ADMIN),
      ];
      for (const step of steps) {
        const commit = log.commit(state, step(state));
        state.apply(commit);
        commits.push(commit);
      }
      commits.push(
        log.commit(new CatalogState(), create({ namespace: renamed })(new CatalogState())),
      );
      return commits;
    }

    it('gives deep-equal states', () => {
      const commits = history();
      const first = new CatalogState();
      const second = new CatalogState();

      for (const commit of commits) first.apply(commit);
      for (const commit of commits) second.apply(commit);

      expect(second).toEqual(first);
    });

    it('gives the same outcomes', () => {
      const commits = history();
      const first = new CatalogState();
      const second = new CatalogState();

      const outcomesOf = (state: CatalogState) =>
        commits.map((commit) => state.apply(commit).outcome);

      expect(outcomesOf(second)).toEqual(outcomesOf(first));
    });

    it('ends with the expected catalog', () => {
      const state = new CatalogState();

      for (const commit of history()) state.apply(commit);

      expect(
        [...state.namespaces()].map((record) => ({
          namespace: record.namespace.split('-')[0],
          objects: record.objects.map((object) => object.name),
          properties: record.properties.map((property) => property.name),
        })),
      ).toEqual([{ namespace: 'renamed', objects: ['renamed-o'], properties: ['p'] }]);
    });
  });
});
