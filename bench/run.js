'use strict';

// Benchmark of the catalog against reference Glance on this machine: see `npm run bench --
// --help`. Starts every server it measures on free ports of 127.0.0.1, prints one table, and
// (without --smoke) writes the same table to BENCHMARKS.md.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { describeMachine, glanceVersion } = require('./lib/machine');
const { REPOSITORY_ROOT, USAGE, UsageError, parseOptions } = require('./lib/options');
const {
  StoppedError,
  checkResults,
  cleanup,
  log,
  measureCatalog,
  measureCeiling,
  measureGlance,
  measureMemory,
} = require('./lib/phases');
const report = require('./lib/report');
const { buildRoutes, readCatalogFiles } = require('./lib/routes');
const { buildRows } = require('./lib/rows');
const { externalStoreVersions, prepareExternalStores } = require('./lib/services');
const { requireBuiltApps } = require('./lib/targets');

const BENCHMARKS_FILE = path.join(REPOSITORY_ROOT, 'BENCHMARKS.md');

/** Returns the command line as typed, for BENCHMARKS.md. */
function describeCommand(args) {
  const quoted = args.map((arg) =>
    /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`,
  );
  if (process.env.npm_lifecycle_event === 'bench') {
    return quoted.length > 0 ? `npm run bench -- ${quoted.join(' ')}` : 'npm run bench';
  }
  return ['node', 'bench/run.js', ...quoted].join(' ');
}

/**
 * Returns the folder of catalog files to load: the one given, or, when it does not exist and
 * was not given explicitly, the files Glance would load (those of Debian's glance-common).
 */
function resolveMetadefsDir(options) {
  if (fs.existsSync(options.metadefsDir) || options.metadefsDirGiven) return options.metadefsDir;
  const script = path.join(__dirname, '..', 'scripts', 'services', 'glance.sh');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'metadefs-bench-files-'));
  const located = spawnSync('bash', [script, 'metadefs-dir', '--dir', stateDir], { encoding: 'utf8' });
  if (located.status !== 0) {
    throw new Error(`${options.metadefsDir} does not exist and glance.sh metadefs-dir failed: ${located.stderr}`);
  }
  log(`${options.metadefsDir} does not exist; loading the files of ${located.stdout.trim()}`);
  return located.stdout.trim();
}

/** Runs every phase, prints the table, writes BENCHMARKS.md on a full run, and returns the exit status. */
async function runBenchmark(options, args) {
  requireBuiltApps();
  options.metadefsDir = resolveMetadefsDir(options);
  const catalogFiles = readCatalogFiles(options.metadefsDir);
  const results = {
    options,
    startedAt: new Date(),
    command: describeCommand(args),
    files: catalogFiles.length,
    routes: buildRoutes(catalogFiles),
    targets: {},
    skipped: {},
    failures: [],
    machine: describeMachine(),
    versions: { autocannon: require('autocannon/package.json').version },
  };
  const stateRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'metadefs-bench-'));
  cleanup.add(`remove ${stateRoot}`, () => {
    if (results.failures.length > 0) {
      log(`kept the state and logs of the failed run in ${stateRoot}`);
      return;
    }
    fs.rmSync(stateRoot, { recursive: true, force: true });
  });
  const context = { cleanup, stateRoot, ceilingBodies: {} };

  let includeKafka = false;
  try {
    const decision = await prepareExternalStores(options, cleanup);
    includeKafka = decision.include;
    if (!decision.include) results.skipped.kafka = decision.reason;
  } catch (error) {
    results.failures.push({
      target: 'kafka',
      step: 'start Kafka and FerretDB',
      message: error.message,
    });
  }
  if (!includeKafka && results.skipped.kafka)
    log(`Kafka+MongoDB skipped: ${results.skipped.kafka}`);
  if (!options.glance) {
    results.skipped.glance = options.smoke
      ? 'not requested (--smoke measures Glance only with --glance)'
      : 'disabled by --no-glance';
  }

  await measureCatalog(results, 'embedded', 'embedded', context);
  await measureMemory(results, context);
  if (Object.keys(context.ceilingBodies).length > 0) await measureCeiling(results, context);
  if (includeKafka) {
    await measureCatalog(results, 'kafka', 'kafka-mongodb', context);
    Object.assign(results.versions, await externalStoreVersions());
  }
  if (options.glance) {
    await measureGlance(results, context);
    if (results.targets.glance) results.versions.glance = await glanceVersion();
  }

  checkResults(results);
  const { rows, gaps } = buildRows(results);
  const table = report.renderTable(rows);
  const gapsText = report.renderGaps(gaps);
  process.stdout.write(`\n${table}\n\n${report.renderNotes(results)}\n\nGaps:\n${gapsText}\n`);

  if (results.failures.length > 0) {
    log(`${results.failures.length} step(s) failed; see the notes under the table`);
    if (!options.smoke) log(`${BENCHMARKS_FILE} was not written because the run is incomplete`);
    return 1;
  }
  if (options.smoke) {
    log('smoke run passed: every step completed and every GET returned the property just written');
    return 0;
  }
  fs.writeFileSync(BENCHMARKS_FILE, report.renderDocument(results, table, gapsText));
  log(`wrote ${BENCHMARKS_FILE}`);
  return 0;
}

async function main() {
  const args = process.argv.slice(2);
  let options;
  try {
    options = parseOptions(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.once(signal, () => {
      log(`${signal} received: stopping everything the benchmark started`);
      cleanup.runAll().finally(() => process.exit(code));
    });
  }

  let exitCode = 1;
  try {
    exitCode = await runBenchmark(options, args);
  } catch (error) {
    if (error instanceof StoppedError) {
      // The signal handler reports the stop and sets the exit status.
    } else if (error instanceof TypeError || error instanceof ReferenceError) {
      log(`failed with a bug in the benchmark: ${error.stack}`);
    } else {
      log(`failed: ${error.message}`);
    }
  } finally {
    await cleanup.runAll();
  }
  process.exit(exitCode);
}

main();
