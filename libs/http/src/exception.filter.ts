import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CatalogError, CatalogErrorKind, CatalogMessage, Messages } from '@metadefs/catalog';
import { ErrorTemplate } from './error-format';
import { ErrorRenderer } from './error-renderer';

/** Methods Glance routes; an unknown path requested with any other method answers 501. */
const ROUTED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']);

const STATUS_BY_KIND: Readonly<Record<CatalogErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  header_too_large: 431,
  unavailable: 503,
};

/** Fastify's own request errors, and the status and message each gets. */
const FRAMEWORK_ERRORS: Readonly<Record<string, { status: number; key: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, key: Messages.DEFAULT_413 },
  FST_ERR_BAD_URL: { status: 400, key: Messages.DECODE_ERROR },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, key: Messages.DEFAULT_415 },
};

/**
 * Nest rethrows Fastify's request errors as an HttpException that keeps the status but not the
 * code (`RoutesResolver.mapExternalException` in @nestjs/core 11), so the statuses that only
 * Fastify raises stand for their codes.
 */
const FRAMEWORK_CODES_BY_STATUS: Readonly<Record<number, string>> = {
  413: 'FST_ERR_CTP_BODY_TOO_LARGE',
  415: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
};

/**
 * The one place errors become HTTP responses: catalog errors by their kind, Fastify's request
 * errors by their code, Nest's HTTP exceptions by their status; anything else is a 500 with the
 * standard message, logged once with its stack.
 */
@Catch()
export class CatalogExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(CatalogExceptionFilter.name);

  constructor(
    private readonly renderer: ErrorRenderer,
    private readonly maxBodyBytes: number,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Sends the error response for `exception`; also serves errors Fastify raises before routing. */
  respond(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const { status, message, template } = this.classify(exception, request);
    if (status === 413) drainRejectedBody(request, reply);
    this.renderer.send(request, reply, status, message, { template });
  }

  private classify(
    exception: unknown,
    request: FastifyRequest,
  ): { status: number; message: CatalogMessage; template?: ErrorTemplate } {
    if (exception instanceof CatalogError) {
      const status = STATUS_BY_KIND[exception.kind];
      if (status === 503) {
        this.logger.warn('A dependency is unavailable', {
          requestId: requestIdOf(request),
          error: String(exception.cause ?? exception.key),
        });
      }
      return { status, message: exception.detail };
    }

    const code =
      (exception as { code?: unknown })?.code ??
      FRAMEWORK_CODES_BY_STATUS[statusOf(exception) ?? 0];
    const framework = typeof code === 'string' ? FRAMEWORK_ERRORS[code] : undefined;
    if (framework) {
      const params: Record<string, string | number> =
        framework.status === 413
          ? { limit: this.maxBodyBytes }
          : { type: String(request.headers['content-type'] ?? '') };
      return { status: framework.status, message: { key: framework.key, params } };
    }

    const status = statusOf(exception);
    if (status === 404 && !ROUTED_METHODS.has(request.method)) {
      return {
        status: 501,
        message: { key: Messages.METHOD_NOT_IMPLEMENTED, params: { method: request.method } },
        template: 'not-implemented',
      };
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return { status, message: { key: defaultMessageKey(status) } };
    }

    this.logger.error('Request failed with an unexpected error', {
      requestId: requestIdOf(request),
      method: request.method,
      route: request.routeOptions?.url,
      error: exception instanceof Error ? exception.stack : String(exception),
    });
    return { status: 500, message: { key: Messages.DEFAULT_500 } };
  }
}

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

function defaultMessageKey(status: number): string {
  switch (status) {
    case 401:
      return Messages.DEFAULT_401;
    case 403:
      return Messages.DEFAULT_403;
    case 404:
      return Messages.DEFAULT_404;
    default:
      return Messages.DEFAULT_400;
  }
}

function requestIdOf(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { requestId?: string }).requestId;
}

/** Declared body size up to which a rejected body is read and discarded, in bytes. */
const MAX_DRAINED_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Keeps the connection of a request whose body was too large open until the client has sent
 * it. Fastify closes such a connection at once, and a client still writing its body then gets
 * a broken pipe instead of the 413. The server reads and discards the rest of the body
 * instead, which the request timeout bounds. A body declared larger than
 * `MAX_DRAINED_BODY_BYTES` is not worth reading, so that connection still closes.
 */
function drainRejectedBody(request: FastifyRequest, reply: FastifyReply): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (request.raw.complete || declared > MAX_DRAINED_BODY_BYTES) return;
  reply.removeHeader('connection');
  request.raw.resume();
}
