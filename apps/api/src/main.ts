import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { CatalogConfig, consoleLoggerOptions, loadConfigOrExit } from '@metadefs/config';
import {
  CatalogExceptionFilter,
  ErrorRenderer,
  registerMethodNotAllowedRoutes,
  registerRequestHooks,
} from '@metadefs/http';
import { AUTHENTICATOR, IdentityConfigurationError, type Authenticator } from '@metadefs/identity';
import { ApiModule } from './api.module';

// Lets JSON.parse hand numeric `default` values over with their literal text, so `1.0` is
// stored as "1.0" as Glance stores it. Node 22 and later have this without the flag.
setFlagsFromString('--harmony-json-parse-with-source');

async function bootstrap(config: CatalogConfig): Promise<void> {
  const logger = new ConsoleLogger('metadefs-api', consoleLoggerOptions(config));
  const adapter = new FastifyAdapter({
    bodyLimit: config.MAX_REQUEST_BODY_BYTES,
    exposeHeadRoutes: false,
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

  const renderer = app.get(ErrorRenderer);
  registerRequestHooks(fastify, {
    authenticator: app.get<Authenticator>(AUTHENTICATOR),
    renderer,
    allowAnonymous: config.ALLOW_ANONYMOUS_ACCESS,
    maxRequestIdLength: config.MAX_REQUEST_ID_LENGTH,
  });
  registerMethodNotAllowedRoutes(fastify, renderer);
  app.useGlobalFilters(new CatalogExceptionFilter(renderer, config.MAX_REQUEST_BODY_BYTES));
  app.enableShutdownHooks();

  await app.listen(config.PORT, config.HOST);
  Logger.log('Serving the metadefs API', {
    url: `http://${config.HOST}:${config.PORT}`,
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
