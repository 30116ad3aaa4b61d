import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FileReport, LoadPathError, MetadefsLoader } from '@metadefs/catalog';
import { ConfigurationError, loadConfig } from '@metadefs/config';
import { formatMessage } from '@metadefs/i18n';
import { USAGE, UsageError, parseArguments } from './cli-arguments';
import { MetadefsCliModule } from './metadefs-cli.module';

const DEFAULT_PATH = process.env.METADATA_SOURCE_PATH || '/etc/glance/metadefs/';

/** Makes `load` print how long the load itself took, without process start-up. */
const TIMING_FLAG = '--timing';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const timing = args.includes(TIMING_FLAG);
  const command = parseArguments(
    args.filter((arg) => arg !== TIMING_FLAG),
    DEFAULT_PATH,
  );
  if (timing && command.operation !== 'load') {
    throw new UsageError(`${TIMING_FLAG} only works with the load command`);
  }
  if (command.operation === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = loadConfig({ ...process.env, READ_MODEL: process.env.READ_MODEL ?? 'memory' });
  const logger = new ConsoleLogger('metadefs', { logLevels: ['error', 'warn'] });
  const app = await NestFactory.createApplicationContext(MetadefsCliModule.forRoot(config), {
    logger,
  });
  try {
    const loader = app.get(MetadefsLoader);
    switch (command.operation) {
      case 'load': {
        const started = performance.now();
        const reports = await loader.load(command.path, command.mode);
        const elapsedMs = timing ? performance.now() - started : undefined;
        return reportLoad(reports, elapsedMs);
      }
      case 'unload': {
        const removed = await loader.unload();
        process.stdout.write(
          `Unloaded ${removed.namespaces} namespaces and ${removed.resourceTypes} resource types\n`,
        );
        return 0;
      }
      case 'export': {
        const files = await loader.export(command.path);
        process.stdout.write(`Exported ${files.length} namespaces to ${command.path}\n`);
        return 0;
      }
    }
  } finally {
    await app.close();
  }
}

/** Prints one line per file and a summary, which includes `elapsedMs` when it is set. */
function reportLoad(reports: FileReport[], elapsedMs?: number): number {
  const counts = new Map<string, number>();
  for (const report of reports) {
    counts.set(report.outcome, (counts.get(report.outcome) ?? 0) + 1);
    const reason = report.message ? formatMessage(report.message) : report.error;
    const detail = reason ? `: ${reason}` : '';
    process.stdout.write(
      `${report.outcome.padEnd(8)} ${report.namespace ?? '-'} (${report.file})${detail}\n`,
    );
  }
  const summary = [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  const duration = elapsedMs === undefined ? '' : ` in ${Math.round(elapsedMs)} ms`;
  process.stdout.write(`Loaded ${reports.length} files${duration}: ${summary}\n`);
  return counts.has('failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ConfigurationError || error instanceof LoadPathError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `metadefs failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
