import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '../../..');

const apiEntryPoint = path.join(repositoryRoot, 'dist/apps/api/src/main.js');
const projectorEntryPoint = path.join(repositoryRoot, 'dist/apps/projector/src/main.js');

/** Where the catalog processes of one test find Kafka and MongoDB. */
export interface Backing {
  readonly topic: string;
  readonly database: string;
  readonly kafkaBrokers: string;
  readonly mongoUrl: string;
}

/** Names a fresh topic and database on the shared test services, overridable like the smoke tests. */
export function sharedBacking(name: string): Backing {
  const unique = `${name}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  return {
    topic: `consistency.${unique}`,
    database: `consistency_${unique}`,
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    mongoUrl: process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017',
  };
}

/** A catalog process started from dist/, with its log file. */
export interface CatalogProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logPath: string;
  readonly port?: number;
  exited: boolean;
}

/** Creates a folder for the logs of one test file, kept after the run for inspection. */
export function logFolder(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `consistency-${name}-`));
}

/** Fails early with the fix when the apps were not built. */
export function requireBuild(): void {
  for (const entryPoint of [apiEntryPoint, projectorEntryPoint]) {
    if (!fs.existsSync(entryPoint))
      throw new Error(`${entryPoint} does not exist: run 'npm run build' first`);
  }
}

function environment(backing: Backing, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    EVENT_LOG: 'kafka',
    READ_MODEL: 'mongodb',
    KAFKA_BROKERS: backing.kafkaBrokers,
    KAFKA_TOPIC: backing.topic,
    MONGODB_URL: backing.mongoUrl,
    MONGODB_DATABASE: backing.database,
    AUTH_STRATEGY: 'trusted-headers',
    LOG_LEVEL: 'log',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

function spawnCatalog(
  name: string,
  entryPoint: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  folder: string,
  port?: number,
): CatalogProcess {
  const logPath = path.join(folder, `${name}.log`);
  const log = fs.openSync(logPath, 'a');
  const child = spawn(process.execPath, [entryPoint, ...args], {
    cwd: repositoryRoot,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const started: CatalogProcess = { name, child, logPath, port, exited: false };
  child.on('exit', (code, signal) => {
    started.exited = true;
    fs.appendFileSync(
      logPath,
      `\n[consistency test] ${name} exited with code ${code}, signal ${signal}\n`,
    );
  });
  return started;
}

/** Starts an API process on a free port and waits until it answers GET /versions. */
export async function startApi(
  name: string,
  backing: Backing,
  folder: string,
  extraEnv: Record<string, string> = {},
): Promise<CatalogProcess> {
  const port = await freePort();
  const env = environment(backing, { HOST: '127.0.0.1', PORT: String(port), ...extraEnv });
  const api = spawnCatalog(name, apiEntryPoint, [], env, folder, port);
  await waitUntil(`${name} answers on port ${port}`, 90_000, async () => {
    if (api.exited) throw new Error(`${name} exited during startup; see ${api.logPath}`);
    return answersHttp(port);
  });
  return api;
}

/** Starts a projector and waits until it logs that the read model caught up. */
export async function startProjector(
  name: string,
  backing: Backing,
  folder: string,
  extraEnv: Record<string, string> = {},
): Promise<CatalogProcess> {
  const projector = spawnCatalog(
    name,
    projectorEntryPoint,
    [],
    environment(backing, extraEnv),
    folder,
  );
  await waitForLog(projector, 'The read model caught up with the event log', 90_000);
  return projector;
}

/** Runs `main.js rebuild ARGS` to its end and returns its exit code and output. */
export async function runRebuild(
  backing: Backing,
  folder: string,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  const rebuild = spawnCatalog(
    'rebuild',
    projectorEntryPoint,
    ['rebuild', ...args],
    environment(backing, {}),
    folder,
  );
  const code = await new Promise<number | null>((resolve) => {
    if (rebuild.exited) resolve(rebuild.child.exitCode);
    rebuild.child.on('exit', (exitCode) => resolve(exitCode));
  });
  return { code, output: fs.readFileSync(rebuild.logPath, 'utf8') };
}

/** Waits until the process's log contains `text` `count` times. */
export async function waitForLog(
  process: CatalogProcess,
  text: string,
  timeoutMs: number,
  count = 1,
): Promise<void> {
  await waitUntil(`${process.name} logs "${text}"`, timeoutMs, async () => {
    if (occurrences(process, text) >= count) return true;
    if (process.exited) throw new Error(`${process.name} exited; see ${process.logPath}`);
    return false;
  });
}

/** Counts how many times the process's log contains `text`. */
export function occurrences(process: CatalogProcess, text: string): number {
  const log = fs.readFileSync(process.logPath, 'utf8');
  return log.split(text).length - 1;
}

/** Sends a signal and waits for the process to exit, escalating to SIGKILL after 15 s. */
export async function stop(
  process: CatalogProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!process || process.exited) return;
  const exited = new Promise<void>((resolve) => process.child.once('exit', () => resolve()));
  process.child.kill(signal);
  const timer = setTimeout(() => process.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` every 100 ms until it returns true, or fails after `timeoutMs`. */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean> | boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

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
