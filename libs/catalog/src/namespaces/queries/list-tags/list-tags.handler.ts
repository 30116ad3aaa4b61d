import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '../../../shared/domain/catalog-error';
import { Messages } from '../../../shared/domain/messages';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import {
  integerLimit,
  lastValue,
  sortDirection,
  visibilityFilter,
} from '../../../shared/application/query-params';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { findTag } from '../../domain/decisions/tag.decisions';
import { TagEntry } from '../../domain/namespace.types';
import { requireVisibleNamespace } from '../../domain/namespace.visibility';
import { ListTagsQuery } from './list-tags.query';

type TagSortKey = 'name' | 'created_at' | 'updated_at' | 'id';
const TAG_SORT_KEYS: readonly string[] = ['name', 'created_at', 'updated_at', 'id'];

/**
 * Lists tags sorted by `sort_key` (default `created_at`), then `created_at`, then creation
 * order, all in `sort_dir` (default `desc`). There is no default page size and no maximum.
 */
@QueryHandler(ListTagsQuery)
export class ListTagsHandler implements IQueryHandler<ListTagsQuery, string> {
  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace, query }: ListTagsQuery): Promise<string> {
    const sortDir = sortDirection(query);
    visibilityFilter(query, ['public', 'private', 'shared']);
    const limit = lastValue(query, 'limit') ? integerLimit(query) : undefined;
    if (limit !== undefined && limit < 0) {
      throw new InvalidInputError(Messages.LIMIT_NOT_POSITIVE);
    }
    const sortKey = lastValue(query, 'sort_key') || 'created_at';
    if (!TAG_SORT_KEYS.includes(sortKey)) {
      throw new InvalidInputError(Messages.INVALID_SORT_KEY, { value: sortKey });
    }
    const { identity } = context;

    const document = requireVisibleNamespace(
      await this.readModel.findNamespace(namespace),
      namespace,
      this.authorizer.callerOf(identity),
    );
    this.authorizer.authorize(identity, 'get_metadef_tags', document);

    let tags = sortTags(document.tags, sortKey as TagSortKey, sortDir);
    const markerName = lastValue(query, 'marker');
    if (markerName) {
      const marker = findTag(document, markerName);
      tags = tags.slice(tags.indexOf(marker) + 1);
    }
    if (limit !== undefined) tags = tags.slice(0, limit);
    return JSON.stringify({ tags: tags.map((tag) => ({ name: tag.name })) });
  }
}

function sortTags(tags: readonly TagEntry[], key: TagSortKey, dir: 'asc' | 'desc'): TagEntry[] {
  const sign = dir === 'asc' ? 1 : -1;
  const primary = (tag: TagEntry): string | number =>
    key === 'id' ? tag.seq : key === 'updated_at' ? (tag.updated_at ?? '') : tag[key];
  return [...tags].sort(
    (a, b) =>
      sign *
      (compare(primary(a), primary(b)) ||
        compare(a.created_at, b.created_at) ||
        compare(a.seq, b.seq)),
  );
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
