import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DocumentMemo } from '../../../shared/application/document-memo';
import { MetadefAuthorizer } from '../../../shared/application/metadef-authorizer';
import { CATALOG_READ_MODEL, type CatalogReadModel } from '../../../read-model/read-model.port';
import { findObject } from '../../domain/decisions/object.decisions';
import { requireVisibleNamespace } from '../../domain/namespace.visibility';
import { objectView } from '../../representations/object.representation';
import { GetObjectQuery } from './get-object.query';

@QueryHandler(GetObjectQuery)
export class GetObjectHandler implements IQueryHandler<GetObjectQuery, string> {
  private readonly memo = new DocumentMemo();

  constructor(
    @Inject(CATALOG_READ_MODEL) private readonly readModel: CatalogReadModel,
    private readonly authorizer: MetadefAuthorizer,
  ) {}

  async execute({ context, namespace, objectName }: GetObjectQuery): Promise<string> {
    const { identity } = context;
    const document = requireVisibleNamespace(
      await this.readModel.findNamespace(namespace),
      namespace,
      this.authorizer.callerOf(identity),
      'not-found-by-name',
    );
    this.authorizer.authorize(identity, 'get_metadef_object', document);
    const object = findObject(document, objectName);
    return this.memo.get(document, objectName, () =>
      JSON.stringify(objectView(document.namespace, object)),
    );
  }
}
