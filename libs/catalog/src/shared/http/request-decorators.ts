import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InvalidInputError } from '../domain/catalog-error';
import { Messages } from '../domain/messages';
import { decodeUtf8 } from '../domain/utf8';
import { RequestContext } from '../application/request-context';
import { CatalogRequest, headerValue } from './catalog-request';
import { hasBody, parseJsonObjectBody } from './json-body';
import { BodySchema, validateBody } from './schema-validation';

function bodyHeadersOf(request: CatalogRequest) {
  return {
    method: request.method,
    contentLength: headerValue(request, 'content-length'),
    transferEncoding: headerValue(request, 'transfer-encoding'),
  };
}

/** The caller's identity and request id, as the service's hooks set them. */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext => {
    const request = context.switchToHttp().getRequest<CatalogRequest>();
    if (!request.identity || !request.requestId) {
      throw new Error('A route ran before the authentication hook set the identity');
    }
    return { identity: request.identity, requestId: request.requestId };
  },
);

/**
 * The request body, checked in Glance's order: present, valid UTF-8 JSON, an object, no
 * read-only keys, then the route's DTO rules. Resolves to the validated DTO.
 */
export const JsonBody = createParamDecorator(
  (schema: BodySchema<object>, context: ExecutionContext) => {
    const request = context.switchToHttp().getRequest<CatalogRequest>();
    if (!hasBody(bodyHeadersOf(request))) {
      throw new InvalidInputError(Messages.BODY_EXPECTED);
    }
    const body = parseJsonObjectBody(request.body as Buffer | undefined);
    return validateBody(body, schema);
  },
);

const NO_BODY = Symbol('NO_BODY');

@Injectable()
export class NoBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.reflector.get<boolean>(NO_BODY, context.getHandler())) return true;
    const request = context.switchToHttp().getRequest<CatalogRequest>();
    if (hasBody(bodyHeadersOf(request))) {
      throw new InvalidInputError(Messages.BODY_NOT_EXPECTED);
    }
    return true;
  }
}

/** Marks a route that must not receive a body: one is answered with 400 before anything else. */
export function NoBody(): MethodDecorator {
  return applyDecorators(SetMetadata(NO_BODY, true), UseGuards(NoBodyGuard));
}

/**
 * The query string as ordered name/value pairs, decoded the way HTML forms encode them
 * (`+` is a space). Repeated names stay repeated; `lastValue` picks the one that counts.
 */
export const QueryPairs = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<CatalogRequest>();
  const url = request.raw.url ?? '';
  const index = url.indexOf('?');
  if (index < 0) return [];
  const query = url.slice(index + 1);
  if (!percentDecodesToUtf8(query)) throw new InvalidInputError(Messages.DECODE_ERROR);
  return [...new URLSearchParams(query)];
});

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;

/**
 * Checks that the bytes the `%XX` escapes of a query string stand for are valid UTF-8.
 * URLSearchParams would replace invalid sequences such as `%ff` with U+FFFD and so look up a
 * marker or filter that no client sent.
 */
function percentDecodesToUtf8(query: string): boolean {
  if (!query.includes('%')) return true;
  const bytes = Buffer.from(
    query.replace(PERCENT_ESCAPE, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16))),
    'latin1',
  );
  return decodeUtf8(bytes) !== undefined;
}

/** The value of the last occurrence of a query parameter. */
export function lastValue(pairs: readonly [string, string][], name: string): string | undefined {
  for (let index = pairs.length - 1; index >= 0; index -= 1) {
    if (pairs[index][0] === name) return pairs[index][1];
  }
  return undefined;
}

/** The value of a header, for handlers that read one (such as `X-Openstack-Append`). */
export const Header = createParamDecorator((name: string, context: ExecutionContext) => {
  return headerValue(context.switchToHttp().getRequest<CatalogRequest>(), name.toLowerCase());
});
