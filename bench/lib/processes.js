'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { setTimeout: sleep } = require('node:timers/promises');

const STOP_GRACE_MS = 5000;

/**
 * Cleanup actions for everything the benchmark starts, run in reverse order of registration
 * by `runAll`: at the end of a run, on failure, and on SIGINT or SIGTERM.
 */
class Cleanup {
  constructor() {
    this.actions = [];
    this.running = undefined;
  }

  /**
   * Registers `action` and returns a function that runs it early, once. After `runAll` has
   * begun, for instance on SIGINT while a start is in progress, the action runs at once.
   */
  add(description, action) {
    const entry = { description, action, done: false };
    if (this.running) {
      entry.done = true;
      void runLogged(entry);
      return async () => undefined;
    }
    this.actions.push(entry);
    return async () => {
      if (entry.done) return;
      entry.done = true;
      await runLogged(entry);
    };
  }

  /** Whether `runAll` has begun, after which nothing new should start. */
  get stopping() {
    return this.running !== undefined;
  }

  /** Runs every action not yet run, newest first. A failing action does not stop the rest. */
  runAll() {
    if (!this.running) {
      this.running = (async () => {
        for (const entry of [...this.actions].reverse()) {
          if (entry.done) continue;
          entry.done = true;
          await runLogged(entry);
        }
      })();
    }
    return this.running;
  }
}

async function runLogged(entry) {
  try {
    await entry.action();
  } catch (error) {
    console.error(`bench: cleanup step "${entry.description}" failed: ${error.message}`);
  }
}

/** Returns a TCP port of 127.0.0.1 that was free a moment ago. */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node entryPoint` with its output appended to `logPath` and registers a cleanup that
 * stops it. Returns the child, a function that stops it now, and its exit status once known.
 */
function spawnNode(cleanup, { entryPoint, args = [], env, cwd, logPath, name }) {
  const log = fs.openSync(logPath, 'a');
  const child = spawn(process.execPath, [entryPoint, ...args], {
    cwd,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exitStatus;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exitStatus = signal ? `signal ${signal}` : `exit status ${code}`;
      resolve();
    });
    child.on('error', (error) => {
      exitStatus = `spawn error: ${error.message}`;
      resolve();
    });
  });
  const stop = cleanup.add(`stop ${name} (pid ${child.pid})`, () => stopChild(child, exited));
  return { child, stop, logPath, exitStatus: () => exitStatus };
}

/** Sends SIGTERM, then SIGKILL when the child has not exited after the grace period. */
async function stopChild(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = sleep(STOP_GRACE_MS).then(() => 'timeout');
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Runs a command to completion and resolves with its exit code and output. With `echo`, the
 * output is also copied to this process's stderr as it arrives.
 */
function runCommand(command, args, { env, cwd, echo = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => {
      stdout.push(chunk);
      if (echo) process.stderr.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr.push(chunk);
      if (echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** Resolves true when GET `path` gets any HTTP response within two seconds. */
function respondsToHttp(port, path) {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path, agent: false, timeout: 2000 },
      (response) => {
        response.resume();
        resolve(true);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/**
 * Polls GET `path` every `intervalMs` until the server responds, and resolves with the time
 * from `startedAt` (a `performance.now()` value) to the first response, in milliseconds.
 * Rejects when `hasExited()` returns a status or the timeout passes.
 */
async function waitForHttp(
  port,
  { path = '/versions', startedAt, timeoutMs, intervalMs = 10, hasExited },
) {
  const deadline = startedAt + timeoutMs;
  for (;;) {
    if (await respondsToHttp(port, path)) return performance.now() - startedAt;
    const status = hasExited && hasExited();
    if (status) throw new Error(`the process exited before it served HTTP (${status})`);
    if (performance.now() > deadline) {
      throw new Error(
        `no response to GET ${path} on 127.0.0.1:${port} within ${timeoutMs / 1000} s`,
      );
    }
    await sleep(intervalMs);
  }
}

/** Returns the resident set size of a process in MiB, from VmRSS in /proc/<pid>/status. */
function readResidentMemoryMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(match[1]) / 1024;
}

module.exports = {
  Cleanup,
  findFreePort,
  readResidentMemoryMiB,
  runCommand,
  spawnNode,
  waitForHttp,
};
