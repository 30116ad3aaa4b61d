import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CatalogConfig, ConfigurationError, loadConfig } from '@metadefs/config';
import { ProjectorModule } from './projector.module';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

async function bootstrap(config: CatalogConfig): Promise<void> {
  const logger = new ConsoleLogger('metadefs-projector', {
    json: config.LOG_FORMAT === 'json',
    logLevels: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1) as never,
  });
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), { logger });
  app.enableShutdownHooks();
}

let config: CatalogConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigurationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
bootstrap(config).catch((error: unknown) => {
  process.stderr.write(`The metadefs projector failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
