import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CatalogConfig, consoleLoggerOptions, loadConfigOrExit } from '@metadefs/config';
import { ProjectorModule } from './projector.module';
import { parseRebuildArguments, rebuild } from './rebuild';

function consoleLogger(config: CatalogConfig): ConsoleLogger {
  return new ConsoleLogger('metadefs-projector', consoleLoggerOptions(config));
}

async function bootstrap(config: CatalogConfig): Promise<void> {
  const logger = consoleLogger(config);
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), {
    logger,
  });
  app.enableShutdownHooks();
}

const config = loadConfigOrExit();
if (process.argv[2] === 'rebuild') {
  Logger.overrideLogger(consoleLogger(config));
  Promise.resolve()
    .then(() => rebuild(config, parseRebuildArguments(process.argv.slice(3))))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `The read-model rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
} else if (process.argv.length > 2) {
  process.stderr.write(
    `Unknown command ${process.argv[2]}; usage: main.js [rebuild [--generation NAME] [--no-switch]]\n`,
  );
  process.exit(2);
} else {
  runProjector(config);
}

function runProjector(config: CatalogConfig): void {
  bootstrap(config).catch((error: unknown) => {
    process.stderr.write(
      `The metadefs projector failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
