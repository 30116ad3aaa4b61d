import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './repository';

const stopTimeoutMs = 10_000;

/** Stops what global setup started and removes its state folder. */
export default async function globalTeardown(): Promise<void> {
  const service = globalThis.__e2eStartedService;
  if (!service) {
    return;
  }
  globalThis.__e2eStartedService = undefined;

  if (service.kind === 'glance') {
    const script = path.join(repositoryRoot, 'scripts/services/glance.sh');
    const result = spawnSync('bash', [script, 'stop', '--dir', service.stateDir], {
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      throw new Error(`${script} stop failed with exit status ${result.status}`);
    }
  } else {
    await Promise.all(service.pids.map((pid) => stopProcess(pid)));
  }

  if (process.env.E2E_KEEP_STATE) {
    console.log(`e2e: state kept in ${service.stateDir}`);
  } else {
    fs.rmSync(service.stateDir, { recursive: true, force: true });
  }
}

/** Sends SIGTERM, then SIGKILL if the process still runs after stopTimeoutMs. */
async function stopProcess(pid: number): Promise<void> {
  if (!signal(pid, 'SIGTERM')) {
    return;
  }
  const deadline = Date.now() + stopTimeoutMs;
  while (signal(pid, 0)) {
    if (Date.now() > deadline) {
      console.warn(
        `e2e: catalog pid ${pid} still runs ${stopTimeoutMs} ms after SIGTERM; killing it`,
      );
      signal(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends a signal; returns false when the process no longer exists. */
function signal(pid: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}
