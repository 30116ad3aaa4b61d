import { InvalidInputError } from '../../../shared/domain/catalog-error';
import { Caller } from '../../../shared/domain/decision';
import { Messages } from '../../../shared/domain/messages';
import {
  QueryPairs,
  firstOccurrences,
  integerLimit,
  lastValue,
  sortDirection,
  visibilityFilter,
} from '../../../shared/application/query-params';
import { NamespaceDocument } from '../../../read-model/documents';
import { NamespaceQuery, QueryFilter } from '../../../read-model/read-model.port';

/** Sort keys the namespace list accepts, and the document field each sorts on. */
const SORT_FIELDS: Readonly<Record<string, keyof NamespaceDocument>> = {
  namespace: 'namespace',
  display_name: 'sort_display_name',
  description: 'sort_description',
  visibility: 'visibility_effective',
  protected: 'protected_effective',
  owner: 'owner',
  created_at: 'created_at',
  updated_at: 'sort_updated_at',
  id: '_id',
};

/** The parameters of a namespace list request, validated. */
export interface NamespaceListParams {
  readonly limit: number;
  readonly marker?: string;
  readonly sortKey: string;
  readonly sortDir: 'asc' | 'desc';
  readonly visibility?: string;
  readonly resourceTypes?: string[];
}

/**
 * Validates the list parameters in Glance's order: `limit` is an integer, `sort_dir`, then
 * `visibility`, then the sign of `limit`; `sort_key` must name a namespace field. An empty
 * `marker` counts as absent. A repeated parameter counts with its first value.
 */
export function parseNamespaceListParams(
  pairs: QueryPairs,
  limits: { readonly defaultLimit: number; readonly maxLimit: number },
): NamespaceListParams {
  const query = firstOccurrences(pairs);
  const requested = integerLimit(query);
  const sortDir = sortDirection(query);
  const visibility = visibilityFilter(query, ['public', 'private']);
  if (requested !== undefined && requested < 0) {
    throw new InvalidInputError(Messages.LIMIT_NOT_POSITIVE);
  }
  const sortKey = lastValue(query, 'sort_key') ?? 'created_at';
  if (!Object.prototype.hasOwnProperty.call(SORT_FIELDS, sortKey)) {
    throw new InvalidInputError(Messages.INVALID_SORT_KEY, { value: sortKey });
  }
  const resourceTypes = lastValue(query, 'resource_types');
  return {
    limit: Math.min(requested ?? limits.defaultLimit, limits.maxLimit),
    marker: lastValue(query, 'marker') || undefined,
    sortKey,
    sortDir,
    visibility,
    resourceTypes: resourceTypes !== undefined ? resourceTypes.split(',') : undefined,
  };
}

/**
 * The MongoDB query of a namespace list page: the caller's visible namespaces, filtered, in
 * `sort_key` order with `created_at` and the creation position breaking ties, all in
 * `sort_dir`, starting strictly after the marker. Both read-model adapters run it.
 */
export function namespaceListQuery(
  params: NamespaceListParams,
  caller: Caller,
  marker?: NamespaceDocument,
): NamespaceQuery {
  const conditions: QueryFilter[] = [];
  if (!caller.isAdmin) {
    const visible: QueryFilter[] = [{ visibility_effective: 'public' }];
    if (caller.projectId !== null) visible.push({ owner: caller.projectId });
    conditions.push({ $or: visible });
  }
  if (params.visibility) {
    conditions.push({ visibility_effective: params.visibility });
  }
  if (params.resourceTypes) {
    conditions.push({ 'resource_type_associations.name': { $in: params.resourceTypes } });
  }

  const field = SORT_FIELDS[params.sortKey];
  const direction = params.sortDir === 'asc' ? 1 : -1;
  const keys = [...new Set<string>([field, 'created_at', '_id'])];
  if (marker) {
    conditions.push(afterMarker(keys, marker, direction));
  }

  const sort: Record<string, 1 | -1> = {};
  for (const key of keys) sort[key] = direction;
  return {
    filter:
      conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : { $and: conditions },
    sort,
    limit: params.limit,
  };
}

/** Documents strictly after the marker in the order of `keys`. */
function afterMarker(keys: string[], marker: NamespaceDocument, direction: 1 | -1): QueryFilter {
  const operator = direction === 1 ? '$gt' : '$lt';
  const values = marker as unknown as Record<string, unknown>;
  const alternatives = keys.map((key, index) => {
    const condition: QueryFilter = {};
    for (const earlier of keys.slice(0, index)) condition[earlier] = values[earlier];
    condition[key] = { [operator]: values[key] };
    return condition;
  });
  return { $or: alternatives };
}
