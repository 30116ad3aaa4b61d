import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FileReport, LoadPathError, MetadefsLoader } from '@metadefs/catalog';
import { ConfigurationError, loadConfig } from '@metadefs/config';
import { USAGE, UsageError, parseArguments } from './cli-arguments';
import { MetadefsCliModule } from './metadefs-cli.module';

const DEFAULT_PATH = process.env.METADATA_SOURCE_PATH || '/etc/glance/metadefs/';

async function main(): Promise<number> {
  const command = parseArguments(process.argv.slice(2), DEFAULT_PATH);
  if (command.operation === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = loadConfig({ ...process.env, READ_MODEL: process.env.READ_MODEL ?? 'memory' });
  const logger = new ConsoleLogger('metadefs', { logLevels: ['error', 'warn'] });
  const app = await NestFactory.createApplicationContext(MetadefsCliModule.forRoot(config), { logger });
  try {
    const loader = app.get(MetadefsLoader);
    switch (command.operation) {
      case 'load':
        return reportLoad(await loader.load(command.path, command.mode));
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

function reportLoad(reports: FileReport[]): number {
  const counts = new Map<string, number>();
  for (const report of reports) {
    counts.set(report.outcome, (counts.get(report.outcome) ?? 0) + 1);
    const detail = report.error ? `: ${report.error}` : '';
    process.stdout.write(`${report.outcome.padEnd(8)} ${report.namespace ?? '-'} (${report.file})${detail}\n`);
  }
  const summary = [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  process.stdout.write(`Loaded ${reports.length} files: ${summary}\n`);
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
    process.stderr.write(`metadefs failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
