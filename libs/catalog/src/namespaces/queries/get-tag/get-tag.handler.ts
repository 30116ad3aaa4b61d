import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentMemo } from '../../../shared/application/document-memo';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { findTag } from '../../domain/decisions/tag.decisions';
import { requireVisibleNamespace } from '../../domain/namespace.visibility';
import { tagView } from '../../representations/tag.representation';
import { GetTagQuery } from './get-tag.query';

@QueryHandler(GetTagQuery)
export class GetTagHandler implements IQueryHandler<GetTagQuery, string> {
  private readonly memo = new DocumentMemo();

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace, tagName }: GetTagQuery): Promise<string> {
    const { identity } = context;
    const document = requireVisibleNamespace(
      await this.readModel.findNamespace(namespace),
      namespace,
      this.authorizer.callerOf(identity),
    );
    this.authorizer.authorize(identity, 'get_metadef_tag', document);
    const tag = findTag(document, tagName);
    return this.memo.get(document, tagName, () => JSON.stringify(tagView(tag)));
  }
}
