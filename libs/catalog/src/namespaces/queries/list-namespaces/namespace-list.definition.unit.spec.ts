import { Query } from 'mingo';

import { NamespaceDocument } from '../../../read-model/documents';
import { NamespaceQuery } from '../../../read-model/read-model.port';
import { CatalogError } from '../../../shared/domain/catalog-error';
import { Caller } from '../../../shared/domain/decision';
import { Messages } from '../../../shared/domain/messages';
import { NamespaceRecord } from '../../domain/namespace.types';
import { toNamespaceDocument } from '../../projections/namespace-document.projection';
import {
  NamespaceListParams,
  namespaceListQuery,
  parseNamespaceListParams,
} from './namespace-list.definition';

const LIMITS = { defaultLimit: 25, maxLimit: 1000 };
const ADMIN: Caller = { projectId: 'admin-project', isAdmin: true };
const PROJECT_ONE: Caller = { projectId: 'p1', isAdmin: false };
const ANONYMOUS: Caller = { projectId: null, isAdmin: false };

function record(seq: number, fields: Partial<NamespaceRecord>): NamespaceRecord {
  return {
    seq,
    namespace: `ns-${seq}`,
    display_name: `Display ${seq}`,
    description: null,
    visibility: 'public',
    protected: false,
    owner: 'p1',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: null,
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
    ...fields,
  };
}

function association(name: string) {
  return { name, prefix: null, properties_target: null, created_at: 'x', updated_at: null };
}

/** Five namespaces with ties on `created_at` and on display names. */
const DOCUMENTS: NamespaceDocument[] = [
  record(1, {
    namespace: 'delta',
    created_at: '2024-01-01T00:00:00Z',
    resource_type_associations: [association('OS::Nova::Flavor')],
  }),
  record(2, { namespace: 'alpha', visibility: 'private', created_at: '2024-01-02T00:00:00Z' }),
  record(3, {
    namespace: 'echo',
    visibility: 'private',
    owner: 'p2',
    created_at: '2024-01-02T00:00:00Z',
    display_name: 'Display 2',
    resource_type_associations: [association('OS::Glance::Image')],
  }),
  record(4, {
    namespace: 'charlie',
    visibility: null,
    owner: 'admin',
    created_at: '2024-01-03T00:00:00Z',
  }),
  record(5, {
    namespace: 'bravo',
    owner: 'p2',
    created_at: '2024-01-02T00:00:00Z',
    display_name: null,
  }),
].map((item) => toNamespaceDocument(item, item.seq));

function params(overrides: Partial<NamespaceListParams> = {}): NamespaceListParams {
  return { limit: 25, sortKey: 'created_at', sortDir: 'desc', ...overrides };
}

function run(query: NamespaceQuery): string[] {
  return new Query(query.filter)
    .find<NamespaceDocument>(DOCUMENTS)
    .sort(query.sort)
    .limit(query.limit)
    .all()
    .map((document) => document.namespace);
}

function list(listParams: NamespaceListParams, caller: Caller = ADMIN): string[] {
  return run(namespaceListQuery(listParams, caller));
}

/** Reads every page of `size` items, passing the last item of each page as the marker. */
function allPages(listParams: NamespaceListParams, size: number, caller: Caller = ADMIN): string[] {
  const names: string[] = [];
  let marker: NamespaceDocument | undefined;
  for (let page = 0; page < DOCUMENTS.length + 1; page += 1) {
    const batch = run(namespaceListQuery({ ...listParams, limit: size }, caller, marker));
    names.push(...batch);
    if (batch.length < size) return names;
    marker = DOCUMENTS.find((document) => document.namespace === batch[batch.length - 1]);
  }
  throw new Error('Paging did not end');
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(namespaceListQuery.name, () => {
  describe('when choosing visible namespaces', () => {
    it('shows an admin everything', () => {
      expect(list(params()).sort()).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    });

    it('shows a project public and own', () => {
      expect(list(params(), PROJECT_ONE).sort()).toEqual(['alpha', 'bravo', 'delta']);
    });

    it('shows anonymous callers public only', () => {
      expect(list(params(), ANONYMOUS).sort()).toEqual(['bravo', 'delta']);
    });
  });

  describe('when filtering by visibility', () => {
    it('counts a missing visibility as private', () => {
      expect(list(params({ visibility: 'private' })).sort()).toEqual(['alpha', 'charlie', 'echo']);
    });

    it('stays within the visible set', () => {
      expect(list(params({ visibility: 'private' }), PROJECT_ONE)).toEqual(['alpha']);
    });
  });

  describe('when filtering by resource types', () => {
    it('keeps any listed type', () => {
      const listed = list(params({ resourceTypes: ['OS::Nova::Flavor', 'OS::Glance::Image'] }));

      expect(listed.sort()).toEqual(['delta', 'echo']);
    });

    it('matches names exactly', () => {
      expect(list(params({ resourceTypes: [' OS::Nova::Flavor'] }))).toEqual([]);
    });

    it('combines with visibility', () => {
      const listed = list(
        params({ resourceTypes: ['OS::Nova::Flavor', 'OS::Glance::Image'] }),
        PROJECT_ONE,
      );

      expect(listed).toEqual(['delta']);
    });
  });

  describe('when sorting', () => {
    it('breaks created_at ties by creation', () => {
      expect(list(params())).toEqual(['charlie', 'bravo', 'echo', 'alpha', 'delta']);
    });

    it('reverses everything ascending', () => {
      expect(list(params({ sortDir: 'asc' }))).toEqual([
        'delta',
        'alpha',
        'echo',
        'bravo',
        'charlie',
      ]);
    });

    it('sorts null display names first ascending', () => {
      expect(list(params({ sortKey: 'display_name', sortDir: 'asc' }))).toEqual([
        'bravo',
        'delta',
        'alpha',
        'echo',
        'charlie',
      ]);
    });

    it('honours the limit', () => {
      expect(list(params({ limit: 2 }))).toEqual(['charlie', 'bravo']);
    });
  });

  describe('when continuing after a marker', () => {
    const orders = [
      { sortKey: 'created_at', sortDir: 'desc' },
      { sortKey: 'created_at', sortDir: 'asc' },
      { sortKey: 'namespace', sortDir: 'asc' },
      { sortKey: 'namespace', sortDir: 'desc' },
      { sortKey: 'display_name', sortDir: 'asc' },
      { sortKey: 'display_name', sortDir: 'desc' },
      { sortKey: 'updated_at', sortDir: 'desc' },
      { sortKey: 'visibility', sortDir: 'asc' },
      { sortKey: 'id', sortDir: 'desc' },
    ] as const;

    it.each(orders)('pages by $sortKey $sortDir without gaps', ({ sortKey, sortDir }) => {
      const listParams = params({ sortKey, sortDir });

      expect(allPages(listParams, 2)).toEqual(list(listParams));
    });

    it('pages a project view', () => {
      const listParams = params({ sortDir: 'asc' });

      expect(allPages(listParams, 1, PROJECT_ONE)).toEqual(list(listParams, PROJECT_ONE));
    });

    it('starts strictly after the marker', () => {
      const marker = DOCUMENTS.find((document) => document.namespace === 'bravo');

      expect(run(namespaceListQuery(params(), ADMIN, marker))).toEqual(['echo', 'alpha', 'delta']);
    });
  });
});

describe(parseNamespaceListParams.name, () => {
  describe('when parameters are absent', () => {
    it('uses the defaults', () => {
      expect(parseNamespaceListParams([], LIMITS)).toEqual({
        limit: 25,
        marker: undefined,
        sortKey: 'created_at',
        sortDir: 'desc',
        visibility: undefined,
        resourceTypes: undefined,
      });
    });
  });

  describe('when parameters are given', () => {
    it('reads each one', () => {
      const parsed = parseNamespaceListParams(
        [
          ['limit', '5'],
          ['marker', 'ns-1'],
          ['sort_key', 'namespace'],
          ['sort_dir', 'asc'],
          ['visibility', 'public'],
          ['resource_types', 'a,b'],
        ],
        LIMITS,
      );

      expect(parsed).toEqual({
        limit: 5,
        marker: 'ns-1',
        sortKey: 'namespace',
        sortDir: 'asc',
        visibility: 'public',
        resourceTypes: ['a', 'b'],
      });
    });

    it('caps the limit', () => {
      expect(parseNamespaceListParams([['limit', '5000']], LIMITS).limit).toBe(1000);
    });

    it('accepts a zero limit', () => {
      expect(parseNamespaceListParams([['limit', '0']], LIMITS).limit).toBe(0);
    });

    it('treats an empty marker as absent', () => {
      expect(parseNamespaceListParams([['marker', '']], LIMITS).marker).toBeUndefined();
    });

    it('uses the first of repeated values', () => {
      const parsed = parseNamespaceListParams(
        [
          ['limit', '3'],
          ['limit', '7'],
        ],
        LIMITS,
      );

      expect(parsed.limit).toBe(3);
    });
  });

  describe('when parameters are invalid', () => {
    const cases = [
      { label: 'a word limit', pairs: [['limit', 'ten']], key: Messages.LIMIT_NOT_INTEGER },
      { label: 'a negative limit', pairs: [['limit', '-1']], key: Messages.LIMIT_NOT_POSITIVE },
      { label: 'a sideways sort', pairs: [['sort_dir', 'up']], key: Messages.INVALID_SORT_DIR },
      {
        label: 'a shared filter',
        pairs: [['visibility', 'shared']],
        key: Messages.INVALID_VISIBILITY,
      },
      {
        label: 'an unknown sort key',
        pairs: [['sort_key', 'colour']],
        key: Messages.INVALID_SORT_KEY,
      },
      {
        label: 'a bad direction before a bad limit sign',
        pairs: [
          ['limit', '-1'],
          ['sort_dir', 'up'],
        ],
        key: Messages.INVALID_SORT_DIR,
      },
      {
        label: 'a bad limit before a bad direction',
        pairs: [
          ['sort_dir', 'up'],
          ['limit', 'x'],
        ],
        key: Messages.LIMIT_NOT_INTEGER,
      },
    ] as const;

    it.each(cases)('rejects $label', ({ pairs, key }) => {
      const error = thrown(() => parseNamespaceListParams(pairs, LIMITS));

      expect((error as CatalogError).key).toBe(key);
    });
  });
});
