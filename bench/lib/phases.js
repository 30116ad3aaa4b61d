'use strict';

// The measurement phases of a benchmark run: each catalog store, reference Glance and the
// node:http ceiling, and the checks that every step produced a usable figure.

const fs = require('node:fs');
const path = require('node:path');
const { HttpClient } = require('./http-client');
const {
  createNamespace,
  fetchRoute,
  measureCreateThenRead,
  measureMemoryWithNamespaces,
  measureRead,
  measureSustainedWrites,
} = require('./measure');
const { REPOSITORY_ROOT } = require('./options');
const {
  Cleanup,
  findFreePort,
  readResidentMemoryMiB,
  spawnNode,
  waitForHttp,
} = require('./processes');
const { startCatalog, startGlance } = require('./targets');

const CEILING_SERVER = path.join(__dirname, '..', 'ceiling-server.js');
const CEILING_START_TIMEOUT_MS = 10_000;

/** The cleanup of everything this run starts. `step` stops measuring once it is stopping. */
const cleanup = new Cleanup();

/** Thrown by `step` after SIGINT or SIGTERM, so that no further measurement starts. */
class StoppedError extends Error {
  constructor() {
    super('the benchmark is stopping');
    this.name = 'StoppedError';
  }
}

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/**
 * Runs one measurement. A failure is recorded in `results.failures` and does not stop the run,
 * unless the benchmark is stopping after a signal.
 */
async function step(results, targetId, name, action) {
  if (cleanup.stopping) throw new StoppedError();
  try {
    return await action();
  } catch (error) {
    if (cleanup.stopping) throw new StoppedError();
    log(`${targetId}: ${name} failed: ${error.message}`);
    results.failures.push({ target: targetId, step: name, message: error.message });
    return undefined;
  }
}

async function measureReads(results, targetId, server, record, bodies) {
  const { options } = results;
  record.reads = {};
  for (const route of results.routes) {
    await step(results, targetId, `GET ${route.path}`, async () => {
      const body = await fetchRoute(server, route.path);
      if (bodies) bodies[route.key] = body;
      const read = await measureRead(server, route.path, options);
      // autocannon 8.0.0 mismatches requests and responses on connections that the server
      // closes after each response, so its latencies of such a server are not reported.
      const latencyValid = server.keepAlive;
      record.reads[route.key] = { ...read, bodyBytes: body.length, latencyValid };
      const latency = latencyValid ? `${read.p99Ms} ms` : 'not valid';
      log(
        `${targetId}: GET ${route.path}: ${Math.round(read.requestsPerSecond)} req/s, p99 ${latency}`,
      );
    });
  }
}

/** Measures the create-then-read pairs and the sustained writes in two fresh namespaces. */
async function measureWrites(results, targetId, server, record) {
  const { options } = results;
  const client = new HttpClient(server);
  const prefix = `bench_${targetId}`;
  try {
    await step(results, targetId, 'create-then-read pairs', async () => {
      await createNamespace(client, 'Bench::CreateThenRead');
      record.pairs = await measureCreateThenRead(
        server,
        'Bench::CreateThenRead',
        options.pairs,
        prefix,
      );
      const { p50Ms, p99Ms, seen, total } = record.pairs;
      log(
        `${targetId}: create then GET: p50 ${p50Ms.toFixed(2)} ms, p99 ${p99Ms.toFixed(2)} ms, ${seen}/${total} seen`,
      );
    });
    await step(results, targetId, 'sustained writes', async () => {
      await createNamespace(client, 'Bench::SustainedWrites');
      record.writes = await measureSustainedWrites(server, 'Bench::SustainedWrites', prefix, {
        connections: options.writeConnections,
        durationSeconds: options.writeDurationSeconds,
      });
      const { writesPerSecond, non2xx, errors, statusCodes } = record.writes;
      log(
        `${targetId}: sustained creates: ${Math.round(writesPerSecond)}/s, ${non2xx} non-2xx, ` +
          `${errors} errors, status codes ${JSON.stringify(statusCodes)}`,
      );
    });
  } finally {
    client.close();
  }
}

async function measureCatalog(results, targetId, store, context) {
  const { options } = results;
  const stateDir = path.join(context.stateRoot, targetId);
  fs.mkdirSync(stateDir);
  log(
    `${targetId}: loading ${results.files} files and starting the catalog (${store}), state in ${stateDir}`,
  );
  const started = await step(results, targetId, 'start', () =>
    startCatalog(store, {
      cleanup: context.cleanup,
      stateDir,
      metadefsDir: options.metadefsDir,
      expectedFiles: results.files,
    }),
  );
  if (!started) return;
  const record = { loadMs: started.loadMs, coldStartMs: started.coldStartMs };
  results.targets[targetId] = record;
  log(`${targetId}: load ${started.loadMs} ms, cold start ${Math.round(started.coldStartMs)} ms`);
  record.baselineMiB = readResidentMemoryMiB(started.pid);

  const bodies = targetId === 'embedded' ? context.ceilingBodies : undefined;
  await measureReads(results, targetId, started.server, record, bodies);
  await measureWrites(results, targetId, started.server, record);

  await started.stop();
}

/**
 * Starts a fresh embedded catalog with the catalog files loaded, creates the namespaces, and
 * reads the API's resident memory. A fresh instance keeps the properties and tags of the write
 * phases out of the figure.
 */
async function measureMemory(results, context) {
  const { options } = results;
  const targetId = 'embedded';
  const record = results.targets[targetId];
  if (!record) return;
  const stateDir = path.join(context.stateRoot, 'embedded-memory');
  fs.mkdirSync(stateDir);
  const name = `resident memory with ${options.namespaces} namespaces`;
  await step(results, targetId, name, async () => {
    log(`${targetId}: starting a fresh catalog and creating ${options.namespaces} namespaces`);
    const started = await startCatalog('embedded', {
      cleanup: context.cleanup,
      stateDir,
      metadefsDir: options.metadefsDir,
      expectedFiles: results.files,
    });
    try {
      record.memory = await measureMemoryWithNamespaces(started.server, started.pid, {
        count: options.namespaces,
        connections: options.namespaceConnections,
        idleSeconds: options.idleSeconds,
        prefix: 'Bench',
      });
    } finally {
      await started.stop();
    }
    const { residentMiB, seconds } = record.memory;
    log(`${targetId}: ${Math.round(residentMiB)} MiB settled after ${seconds.toFixed(1)} s of creates`);
  });
}

async function measureGlance(results, context) {
  const { options } = results;
  const stateDir = path.join(context.stateRoot, 'glance');
  fs.mkdirSync(stateDir);
  log(
    `glance: starting reference Glance with ${options.glanceProcesses} uWSGI processes, state in ${stateDir}`,
  );
  let started;
  try {
    started = await startGlance({
      cleanup: context.cleanup,
      stateDir,
      metadefsDir: options.metadefsDir,
      processes: options.glanceProcesses,
      expectedFiles: results.files,
    });
  } catch (error) {
    if (cleanup.stopping) throw new StoppedError();
    results.skipped.glance = `Glance could not start: ${error.message}`;
    log(`glance: skipped: ${results.skipped.glance}`);
    return;
  }
  const record = { startSeconds: started.startSeconds };
  results.targets.glance = record;
  await measureReads(results, 'glance', started.server, record);
  await measureWrites(results, 'glance', started.server, record);
  await started.stop();
}

/** Measures a bare node:http server per route, with the embedded catalog's response body. */
async function measureCeiling(results, context) {
  const record = { reads: {} };
  results.targets.ceiling = record;
  for (const route of results.routes) {
    const body = context.ceilingBodies[route.key];
    if (!body) continue;
    await step(results, 'ceiling', `GET ${route.path}`, async () => {
      const bodyFile = path.join(context.stateRoot, `ceiling-${route.key}.json`);
      fs.writeFileSync(bodyFile, body);
      const port = await findFreePort();
      const startedAt = performance.now();
      const server = spawnNode(context.cleanup, {
        entryPoint: CEILING_SERVER,
        args: [String(port), bodyFile],
        cwd: REPOSITORY_ROOT,
        env: process.env,
        logPath: path.join(context.stateRoot, 'ceiling.log'),
        name: `node:http ceiling (${route.key})`,
      });
      try {
        await waitForHttp(port, {
          path: route.path,
          startedAt,
          timeoutMs: CEILING_START_TIMEOUT_MS,
          hasExited: server.exitStatus,
        });
        const read = await measureRead({ port, keepAlive: true }, route.path, results.options);
        record.reads[route.key] = { ...read, bodyBytes: body.length };
        log(
          `ceiling: ${body.length} bytes: ${Math.round(read.requestsPerSecond)} req/s, p99 ${read.p99Ms} ms`,
        );
      } finally {
        await server.stop();
      }
    });
  }
}

/**
 * Records a failure for every figure that completed without showing a working step. Such
 * figures are reads without a 2xx response, and reads of the catalog or the ceiling with any
 * non-2xx response or error. For the catalog, they also include GETs that missed the write
 * just made, and sustained writes without one 2xx response.
 */
function checkResults(results) {
  const fail = (target, stepName, message) =>
    results.failures.push({ target, step: stepName, message });
  for (const [targetId, record] of Object.entries(results.targets)) {
    const strict = targetId !== 'glance';
    for (const route of results.routes) {
      const read = record.reads && record.reads[route.key];
      if (!read) continue;
      if (read.ok === 0) fail(targetId, `GET ${route.path}`, 'no 2xx response');
      if (strict && (read.non2xx > 0 || read.errors > 0)) {
        fail(
          targetId,
          `GET ${route.path}`,
          `${read.non2xx} non-2xx responses, ${read.errors} errors`,
        );
      }
    }
    if (!strict || targetId === 'ceiling') continue;
    if (record.pairs && record.pairs.seen !== record.pairs.total) {
      fail(
        targetId,
        'create-then-read pairs',
        `only ${record.pairs.seen} of ${record.pairs.total} GETs returned the property just written`,
      );
    }
    if (record.writes && record.writes.ok === 0) {
      fail(
        targetId,
        'sustained writes',
        `no 2xx response (status codes ${JSON.stringify(record.writes.statusCodes)})`,
      );
    }
  }
}

module.exports = {
  StoppedError,
  checkResults,
  cleanup,
  log,
  measureCatalog,
  measureCeiling,
  measureGlance,
  measureMemory,
};
