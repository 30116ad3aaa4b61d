'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const { HttpClient } = require('./http-client');
const { REPOSITORY_ROOT } = require('./options');
const { findFreePort, runCommand, spawnNode, waitForHttp } = require('./processes');
const { registerStoreRemoval, serviceScript } = require('./services');

const API_ENTRY = path.join(REPOSITORY_ROOT, 'dist/apps/api/src/main.js');
const PROJECTOR_ENTRY = path.join(REPOSITORY_ROOT, 'dist/apps/projector/src/main.js');
const LOADER_ENTRY = path.join(REPOSITORY_ROOT, 'dist/apps/metadefs/src/main.js');

const API_START_TIMEOUT_MS = 60_000;
const CATALOG_VISIBLE_TIMEOUT_MS = 60_000;
const LOAD_SUMMARY = /^Loaded (\d+) files in (\d+) ms: (.*)$/m;

/** Fails with the build command when an app of the catalog has not been built. */
function requireBuiltApps() {
  for (const entry of [API_ENTRY, PROJECTOR_ENTRY, LOADER_ENTRY]) {
    if (!fs.existsSync(entry)) {
      throw new Error(
        `${path.relative(REPOSITORY_ROOT, entry)} is missing: run 'npm run build' first`,
      );
    }
  }
}

/** Environment of the catalog's processes for one store choice, on a fresh state. */
function catalogEnvironment(store, stateDir, port) {
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: path.join(stateDir, 'data'),
    AUTH_STRATEGY: 'noauth',
    LOG_LEVEL: 'warn',
    EVENT_LOG: 'file',
    READ_MODEL: 'memory',
  };
  if (store === 'kafka-mongodb') {
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    Object.assign(env, {
      EVENT_LOG: 'kafka',
      READ_MODEL: 'mongodb',
      KAFKA_TOPIC: `bench.events.${suffix}`,
      KAFKA_PROJECTOR_GROUP: `bench-projector-${suffix}`,
      MONGODB_DATABASE: `bench_${suffix}`,
    });
  }
  return env;
}

/**
 * Loads the catalog files with the `metadefs load --timing` CLI and returns the load time it
 * prints, which excludes process start-up. Fails unless every file was created.
 */
async function loadCatalogFiles(env, metadefsDir, expectedFiles) {
  // The CLI decides on its own in-memory read model, whatever the API uses.
  const loaderEnv = { ...env, READ_MODEL: 'memory' };
  const result = await runCommand(
    process.execPath,
    [LOADER_ENTRY, 'load', '--timing', '--path', metadefsDir],
    { env: loaderEnv, cwd: REPOSITORY_ROOT },
  );
  const match = LOAD_SUMMARY.exec(result.stdout);
  if (result.code !== 0 || !match) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-10).join('\n');
    throw new Error(`metadefs load exited with ${result.code}:\n${output}`);
  }
  const [, files, milliseconds, summary] = match;
  if (Number(files) !== expectedFiles || summary !== `${expectedFiles} created`) {
    throw new Error(`metadefs load reported "${match[0]}", expected ${expectedFiles} created`);
  }
  return { loadMs: Number(milliseconds), files: Number(files) };
}

/** Polls the namespace list until it shows at least `count` namespaces. */
async function waitForNamespaces(server, count, timeoutMs = CATALOG_VISIBLE_TIMEOUT_MS) {
  const client = new HttpClient(server);
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  try {
    for (;;) {
      const page = await client.requestJson('GET', '/v2/metadefs/namespaces?limit=1000');
      seen = page.namespaces.length;
      if (seen >= count) return;
      if (Date.now() > deadline) {
        throw new Error(
          `the namespace list shows ${seen} namespaces after ${timeoutMs / 1000} s, expected ${count}`,
        );
      }
      await sleep(100);
    }
  } finally {
    client.close();
  }
}

/**
 * Starts the catalog on a fresh state: loads the files with the CLI, starts the projector for
 * `kafka-mongodb`, then spawns the API and measures its cold start (spawn to the first
 * response on /versions). Resolves once the API lists every loaded namespace.
 */
async function startCatalog(store, { cleanup, stateDir, metadefsDir, expectedFiles }) {
  const port = await findFreePort();
  const env = catalogEnvironment(store, stateDir, port);
  if (store === 'kafka-mongodb') {
    registerStoreRemoval(cleanup, {
      brokers: env.KAFKA_BROKERS || '127.0.0.1:9092',
      topic: env.KAFKA_TOPIC,
      mongodbUrl: env.MONGODB_URL || 'mongodb://127.0.0.1:27017',
      database: env.MONGODB_DATABASE,
    });
  }

  const load = await loadCatalogFiles(env, metadefsDir, expectedFiles);
  let projector;
  if (store === 'kafka-mongodb') {
    projector = spawnNode(cleanup, {
      entryPoint: PROJECTOR_ENTRY,
      env,
      cwd: REPOSITORY_ROOT,
      logPath: path.join(stateDir, 'projector.log'),
      name: `projector (${store})`,
    });
  }

  const server = { port, keepAlive: true };
  const startedAt = performance.now();
  const api = spawnNode(cleanup, {
    entryPoint: API_ENTRY,
    env,
    cwd: REPOSITORY_ROOT,
    logPath: path.join(stateDir, 'api.log'),
    name: `catalog API (${store})`,
  });
  let coldStartMs;
  try {
    coldStartMs = await waitForHttp(port, {
      startedAt,
      timeoutMs: API_START_TIMEOUT_MS,
      hasExited: api.exitStatus,
    });
  } catch (error) {
    throw new Error(`the catalog API did not start: ${error.message}; see ${api.logPath}`);
  }
  try {
    await waitForNamespaces(server, expectedFiles);
  } catch (error) {
    throw new Error(`${error.message}; see the logs in ${stateDir}`);
  }
  const stop = async () => {
    await api.stop();
    if (projector) await projector.stop();
  };
  return { server, pid: api.child.pid, loadMs: load.loadMs, coldStartMs, stop };
}

/**
 * Starts reference Glance with `glance.sh start` on a free port, `processes` uWSGI workers of
 * one thread each, and the catalog files of `metadefsDir` loaded into a new database. Resolves
 * with the port and the seconds the script took, or rejects with the script's last output.
 */
async function startGlance({ cleanup, stateDir, metadefsDir, processes, expectedFiles }) {
  const port = await findFreePort();
  const script = serviceScript('glance');
  const glanceDir = path.join(stateDir, 'glance');
  const env = {
    ...process.env,
    GLANCE_PROCESSES: String(processes),
    GLANCE_THREADS: '1',
    METADEFS_DIR: metadefsDir,
  };
  const stop = cleanup.add(`stop Glance (${glanceDir})`, async () => {
    const stopped = await runCommand('bash', [script, 'stop', '--dir', glanceDir], { env });
    if (stopped.code !== 0) throw new Error(`${script} stop exited with ${stopped.code}`);
  });
  const started = performance.now();
  const result = await runCommand(
    'bash',
    [script, 'start', '--port', String(port), '--dir', glanceDir],
    {
      env,
      cwd: REPOSITORY_ROOT,
    },
  );
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-5).join(' | ');
    throw new Error(`${script} start exited with ${result.code}: ${output}`);
  }
  const startSeconds = (performance.now() - started) / 1000;
  // uWSGI's http-socket closes each connection after the response, so no keep-alive.
  const server = { port, keepAlive: false };
  await waitForNamespaces(server, expectedFiles);
  return { server, startSeconds, stop };
}

module.exports = { requireBuiltApps, startCatalog, startGlance };
