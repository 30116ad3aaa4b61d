import { Controller, Get, Header, Param } from '@nestjs/common';
import { JSON_CONTENT_TYPE } from '../shared/http/json-response';
import { NoBody } from '../shared/http/request-decorators';
import { ResourceNotFoundError } from '../namespaces/domain/namespace.errors';
import { schemaDocument } from './schema-documents';

/**
 * `/v2/schemas/metadefs/{kind}`: the JSON-schema documents of the request bodies. Any
 * authenticated caller may read them; no policy applies.
 */
@Controller('v2/schemas/metadefs')
export class SchemasController {
  private readonly serialized = new Map<string, string>();

  @Get(':kind')
  @NoBody()
  @Header('Content-Type', JSON_CONTENT_TYPE)
  show(@Param('kind') kind: string): string {
    let body = this.serialized.get(kind);
    if (body === undefined) {
      const document = schemaDocument(kind);
      if (!document) throw new ResourceNotFoundError();
      body = JSON.stringify(document);
      this.serialized.set(kind, body);
    }
    return body;
  }
}
