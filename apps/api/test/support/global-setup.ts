import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFreePort } from './free-port';
import { repositoryRoot } from './repository';
import { readTargetName } from './target';

/** What global setup started, read back by global teardown (jest shares globalThis). */
export interface StartedService {
  kind: 'glance' | 'catalog';
  stateDir: string;
  /** Processes to stop at teardown: the API, and the projector with external stores. */
  pids: number[];
}

declare global {
  var __e2eStartedService: StartedService | undefined;
}

const catalogEntryPoint = path.join(repositoryRoot, 'dist/apps/api/src/main.js');
const projectorEntryPoint = path.join(repositoryRoot, 'dist/apps/projector/src/main.js');
const glanceScript = path.join(repositoryRoot, 'scripts/services/glance.sh');
const catalogStartTimeoutMs = 60_000;

/**
 * Starts the target selected by E2E_TARGET on a free port of 127.0.0.1 and publishes its URL
 * to the test workers as E2E_BASE_URL. Starts nothing when E2E_BASE_URL is already set.
 */
export default async function globalSetup(): Promise<void> {
  const targetName = readTargetName();
  if (process.env.E2E_BASE_URL) {
    console.log(`\ne2e: testing ${targetName} at ${process.env.E2E_BASE_URL} (not started here)`);
    return;
  }

  if (targetName === 'catalog' && !fs.existsSync(catalogEntryPoint)) {
    throw new Error(`${catalogEntryPoint} does not exist: run 'npm run build' first`);
  }
  const port = await findFreePort();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${targetName}-`));
  if (targetName === 'glance') {
    startGlance(port, stateDir);
  } else {
    await startCatalog(port, stateDir);
  }
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  console.log(`e2e: testing ${targetName} at ${process.env.E2E_BASE_URL} (state in ${stateDir})`);
}

function startGlance(port: number, stateDir: string): void {
  console.log(`\ne2e: starting reference Glance on 127.0.0.1:${port}`);
  globalThis.__e2eStartedService = { kind: 'glance', stateDir, pids: [] };
  const result = spawnSync(
    'bash',
    [glanceScript, 'start', '--port', String(port), '--dir', stateDir],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    throw new Error(
      `${glanceScript} start failed with exit status ${result.status}; see ${stateDir}/glance.log`,
    );
  }
}

/**
 * The catalog's stores under test, from `E2E_CATALOG_STORES`: `embedded` (default: the file
 * log and the in-memory read model) or `kafka-mongodb` (Kafka and FerretDB started with the
 * service scripts, a fresh topic and database, and the projector app beside the API).
 */
function catalogStores(): Record<string, string> {
  const stores = process.env.E2E_CATALOG_STORES ?? 'embedded';
  if (stores === 'embedded') return {};
  if (stores !== 'kafka-mongodb') {
    throw new Error(`Invalid E2E_CATALOG_STORES '${stores}': expected 'embedded' or 'kafka-mongodb'`);
  }
  for (const service of ['kafka', 'ferretdb']) {
    const script = path.join(repositoryRoot, `scripts/services/${service}.sh`);
    const result = spawnSync('bash', [script, 'start'], { stdio: 'inherit' });
    if (result.status !== 0) {
      throw new Error(`${script} start failed with exit status ${result.status}`);
    }
  }
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    EVENT_LOG: 'kafka',
    READ_MODEL: 'mongodb',
    KAFKA_TOPIC: `e2e.events.${suffix}`,
    KAFKA_PROJECTOR_GROUP: `e2e-projector-${suffix}`,
    MONGODB_DATABASE: `e2e_${suffix}`,
  };
}

async function startCatalog(port: number, stateDir: string): Promise<void> {
  const stores = catalogStores();
  console.log(`\ne2e: starting the catalog on 127.0.0.1:${port} (${stores.EVENT_LOG ?? 'file'} log)`);
  const dataDir = path.join(stateDir, 'data');
  fs.mkdirSync(dataDir);
  const env = {
    ...process.env,
    ...stores,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    AUTH_STRATEGY: 'trusted-headers',
  };
  const service: StartedService = { kind: 'catalog', stateDir, pids: [] };
  globalThis.__e2eStartedService = service;

  if (stores.READ_MODEL === 'mongodb') {
    const projector = spawnLogged(projectorEntryPoint, env, path.join(stateDir, 'projector.log'));
    service.pids.push(projector.child.pid as number);
  }
  const api = spawnLogged(catalogEntryPoint, env, path.join(stateDir, 'catalog.log'));
  service.pids.push(api.child.pid as number);

  const deadline = Date.now() + catalogStartTimeoutMs;
  while (!(await answersHttp(port))) {
    if (api.exitStatus()) {
      throw new Error(`The catalog exited during startup (${api.exitStatus()}); see ${api.logPath}`);
    }
    if (Date.now() > deadline) {
      api.child.kill('SIGTERM');
      throw new Error(
        `The catalog did not answer GET /versions on 127.0.0.1:${port} within ` +
          `${catalogStartTimeoutMs / 1000} s; see ${api.logPath}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts a built app with its output in a log file. */
function spawnLogged(entryPoint: string, env: NodeJS.ProcessEnv, logPath: string) {
  const log = fs.openSync(logPath, 'a');
  const child = spawn(process.execPath, [entryPoint], {
    cwd: repositoryRoot,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let status: string | undefined;
  child.on('exit', (code, signal) => {
    status = signal ? `signal ${signal}` : `exit status ${code}`;
  });
  return { child, logPath, exitStatus: () => status };
}

/** Resolves true when GET /versions gets any HTTP response. */
function answersHttp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/versions', agent: false, timeout: 2000 },
      (response) => {
        response.resume();
        resolve(true);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
