#!/usr/bin/env node
/**
 * Fails when code under a `domain/` or `events/` folder imports a framework or driver: the
 * domain is plain TypeScript (types, decide and evolve functions) so that it folds the log
 * the same way in every app and in tests.
 */
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const FORBIDDEN = [
  '@nestjs/',
  'kafkajs',
  'mongodb',
  'mingo',
  'class-validator',
  'class-transformer',
  'nestjs-i18n',
  'fastify',
];
const root = join(__dirname, '..');

function* sourceFiles(directory) {
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) yield path;
  }
}

const problems = [];
for (const file of sourceFiles(join(root, 'libs'))) {
  const rel = relative(root, file);
  if (!/\/(domain|events)\//.test(rel)) continue;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const match = /from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/.exec(line);
    const source = match && (match[1] ?? match[2]);
    if (source && FORBIDDEN.some((prefix) => source === prefix || source.startsWith(prefix))) {
      problems.push(`${rel}:${index + 1}: domain code imports "${source}"`);
    }
  });
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('Domain code imports no framework or driver.\n');
