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
  pid?: number;
}

declare global {
  var __e2eStartedService: StartedService | undefined;
}

const catalogEntryPoint = path.join(repositoryRoot, 'dist/apps/api/src/main.js');
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
  globalThis.__e2eStartedService = { kind: 'glance', stateDir };
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

async function startCatalog(port: number, stateDir: string): Promise<void> {
  console.log(`\ne2e: starting the catalog on 127.0.0.1:${port}`);
  const dataDir = path.join(stateDir, 'data');
  fs.mkdirSync(dataDir);
  const logPath = path.join(stateDir, 'catalog.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(process.execPath, [catalogEntryPoint], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      AUTH_STRATEGY: 'trusted-headers',
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  globalThis.__e2eStartedService = { kind: 'catalog', stateDir, pid: child.pid };

  let exitStatus: string | undefined;
  child.on('exit', (code, signal) => {
    exitStatus = signal ? `signal ${signal}` : `exit status ${code}`;
  });

  const deadline = Date.now() + catalogStartTimeoutMs;
  while (!(await answersHttp(port))) {
    if (exitStatus) {
      throw new Error(`The catalog exited during startup (${exitStatus}); see ${logPath}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(
        `The catalog did not answer GET /versions on 127.0.0.1:${port} within ` +
          `${catalogStartTimeoutMs / 1000} s; see ${logPath}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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
