import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CatalogConfig, consoleLoggerOptions, loadConfigOrExit } from '@metadefs/config';
import { type CatalogMessage, Messages } from '@metadefs/catalog';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  CatalogExceptionFilter,
  ErrorRenderer,
  rawErrorResponse,
  registerMethodNotAllowedRoutes,
  registerRequestHooks,
} from '@metadefs/http';
import { MessageTranslator } from '@metadefs/i18n';
import { AUTHENTICATOR, IdentityConfigurationError, type Authenticator } from '@metadefs/identity';
import { ApiModule } from './api.module';

// Lets JSON.parse hand numeric `default` values over with their literal text, so `1.0` is
// stored as "1.0" as Glance stores it. Node 22 and later have this without the flag.
setFlagsFromString('--harmony-json-parse-with-source');

/** How long a client may take to send one whole request, headers and body, in milliseconds. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * How long a stopping server waits for requests in progress before it closes their
 * connections, in milliseconds. Without it, one stalled client would keep the process alive.
 */
const SHUTDOWN_GRACE_MS = 10_000;

/** Maps a connection-level error to the status and message of the page sent for it. */
function clientErrorOf(error: NodeJS.ErrnoException): [number, CatalogMessage] {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return [408, { key: Messages.REQUEST_TIMEOUT, params: { seconds: REQUEST_TIMEOUT_MS / 1000 } }];
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') return [431, { key: Messages.HEADERS_TOO_LARGE }];
  return [400, { key: Messages.REQUEST_MALFORMED }];
}

async function bootstrap(config: CatalogConfig): Promise<void> {
  const logger = new ConsoleLogger('metadefs-api', consoleLoggerOptions(config));
  // The exception filter and the translator exist only once Nest has built the module. Errors
  // that Fastify raises before routing (a URL that does not decode, a request that is not
  // HTTP) reach them through these references.
  let exceptionFilter: CatalogExceptionFilter | undefined;
  let translator: MessageTranslator | undefined;
  const adapter = new FastifyAdapter({
    bodyLimit: config.MAX_REQUEST_BODY_BYTES,
    exposeHeadRoutes: false,
    // A client has this long to send its whole request, so a body trickled in byte by byte
    // cannot hold a connection open forever.
    requestTimeout: REQUEST_TIMEOUT_MS,
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (!exceptionFilter) return reply.code(503).send();
      exceptionFilter.respond(error, request, reply);
    },
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code === 'ECONNRESET' || !socket.writable || !translator) {
        socket.destroy();
        return;
      }
      // A complete request before the bad bytes may still be in progress on this connection.
      // Its response goes out first and the connection closes after it, with no error page,
      // so the client learns the outcome of the request that did arrive. A request still
      // arriving (a timeout, or a body cut short) gets the error page at once.
      const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
      if (pending && !pending.writableEnded && pending.req?.complete) {
        pending.shouldKeepAlive = false;
        pending.once('finish', () => socket.destroySoon());
        return;
      }
      Logger.debug('Rejected a request that is not valid HTTP', { code: error.code });
      socket.end(rawErrorResponse(translator, ...clientErrorOf(error)));
    },
    http: {
      // Node applies the request timeout only when the server is created with it, and checks
      // it at this interval, so a stalled request is cut within a second of the timeout.
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: 1_000,
      // Nothing depends on the Host header, so a request without one is served.
      requireHostHeader: false,
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger,
    bodyParser: false,
    // Start-up errors reach the handler at the end of this file instead of exiting inside Nest.
    abortOnError: false,
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  // Glance reads every body as JSON whatever its Content-Type header is. Fastify would reject a
  // malformed media type (`json`, `a/b/c`) with 415 before any parser runs, so the header is
  // replaced by a neutral one for parsing. The raw request keeps the header the client sent.
  fastify.addHook('onRequest', async (request) => {
    if (request.headers['content-type'] !== undefined) {
      request.headers['content-type'] = 'application/octet-stream';
    }
  });

  const renderer = app.get(ErrorRenderer);
  translator = app.get(MessageTranslator);
  registerRequestHooks(fastify, {
    authenticator: app.get<Authenticator>(AUTHENTICATOR),
    renderer,
    allowAnonymous: config.ALLOW_ANONYMOUS_ACCESS,
    maxRequestIdLength: config.MAX_REQUEST_ID_LENGTH,
  });
  registerMethodNotAllowedRoutes(fastify, renderer);
  exceptionFilter = new CatalogExceptionFilter(renderer, config.MAX_REQUEST_BODY_BYTES);
  app.useGlobalFilters(exceptionFilter);
  fastify.addHook('preClose', async () => {
    setTimeout(() => fastify.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  });
  app.enableShutdownHooks();

  await app.listen(config.PORT, config.HOST);
  Logger.log('Serving the metadefs API', {
    url: `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`,
    auth: config.AUTH_STRATEGY,
    eventLog: config.EVENT_LOG,
    readModel: config.READ_MODEL,
  });
}

const config = loadConfigOrExit();
bootstrap(config).catch((error: unknown) => {
  // A configuration mistake is reported by its message alone, which names what to fix. The exit
  // status is the one of invalid environment variables.
  if (error instanceof IdentityConfigurationError) {
    process.stderr.write(`The metadefs API failed to start: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `The metadefs API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
