import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { keystone, repositoryRoot, sleep } from './keystone';

const entryPoint = path.join(repositoryRoot, 'dist/apps/api/src/main.js');
const startTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;

/** The built API running as a child process on a free port of 127.0.0.1. */
export interface ApiProcess {
  readonly url: string;
  readonly pid: number;
  readonly stateDir: string;
  readonly logPath: string;
  /** Whether the process still runs. */
  isRunning(): boolean;
  /** The process output so far, without terminal colours. */
  readLog(): string;
  /** Sends SIGTERM (SIGKILL after 10 s) and removes the state folder. */
  stop(): Promise<void>;
}

/**
 * The environment of an API that validates tokens with the test Keystone as the seeded
 * service user. `overrides` replace or add variables; an undefined value removes one.
 */
export function keystoneEnvironment(
  overrides: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {
    ...withoutOpenStackVariables(process.env),
    AUTH_STRATEGY: 'keystone',
    KEYSTONE_URL: keystone.url,
    KEYSTONE_USERNAME: keystone.serviceUser,
    KEYSTONE_PASSWORD: keystone.servicePassword,
    KEYSTONE_PROJECT_NAME: keystone.serviceProject,
    KEYSTONE_USER_DOMAIN_ID: 'default',
    KEYSTONE_PROJECT_DOMAIN_ID: 'default',
    EVENT_LOG: 'file',
    READ_MODEL: 'memory',
    LOG_FORMAT: 'text',
    NO_COLOR: '1',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete environment[key];
    else environment[key] = value;
  }
  return environment;
}

/** Starts `node dist/apps/api/src/main.js` with a fresh DATA_DIR and waits until it responds. */
export async function startApi(environment: NodeJS.ProcessEnv): Promise<ApiProcess> {
  requireBuild();
  const port = await findFreePort();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'int-identity-'));
  const dataDir = path.join(stateDir, 'data');
  fs.mkdirSync(dataDir);
  const logPath = path.join(stateDir, 'api.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(process.execPath, [entryPoint], {
    cwd: repositoryRoot,
    env: { ...environment, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);

  let exitStatus: string | undefined;
  child.on('exit', (code, signal) => {
    exitStatus = signal ? `signal ${signal}` : `exit status ${code}`;
  });
  const url = `http://127.0.0.1:${port}`;
  const readLog = () => stripColours(fs.readFileSync(logPath, 'utf8'));
  const api: ApiProcess = {
    url,
    pid: child.pid as number,
    stateDir,
    logPath,
    isRunning: () => exitStatus === undefined,
    readLog,
    stop: async () => {
      await stopChild(child, () => exitStatus !== undefined);
      if (!process.env.INT_KEEP_STATE) fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + startTimeoutMs;
  while (!(await answers(url))) {
    if (exitStatus) {
      throw new Error(`The API exited during start-up (${exitStatus}):\n${readLog()}`);
    }
    if (Date.now() > deadline) {
      await api.stop();
      throw new Error(`The API did not answer on ${url} within ${startTimeoutMs / 1000} s`);
    }
    await sleep(200);
  }
  return api;
}

/** Runs the API, expecting it to stop during start-up; resolves to its exit code and output. */
export async function runApiUntilExit(
  environment: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  requireBuild();
  const port = await findFreePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'int-identity-'));
  const child = spawn(process.execPath, [entryPoint], {
    cwd: repositoryRoot,
    env: { ...environment, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`The API did not exit within ${startTimeoutMs / 1000} s:\n${output}`));
      }, startTimeoutMs);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    return { code, output: stripColours(output) };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function requireBuild(): void {
  if (!fs.existsSync(entryPoint)) {
    throw new Error(`${entryPoint} does not exist: run 'npm run build' first`);
  }
}

/** OS_* variables would steer python-glanceclient and are never meant for the API. */
export function withoutOpenStackVariables(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(environment).filter(([key]) => !key.startsWith('OS_')));
}

async function stopChild(child: ChildProcess, exited: () => boolean): Promise<void> {
  if (exited()) return;
  child.kill('SIGTERM');
  const deadline = Date.now() + stopTimeoutMs;
  while (!exited()) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      return;
    }
    await sleep(100);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/versions`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Asks the kernel for a free TCP port on 127.0.0.1. Another process may take it before use. */
export function findFreePort(): Promise<number> {
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

function stripColours(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
