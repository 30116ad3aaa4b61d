import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './processes';

/**
 * Tests that stop and start a service get an instance of their own, on other ports and with
 * state under .services/, so other test runs on the shared instances are not disturbed.
 * The downloads and builds of the shared instances are copied in when present, so no
 * download or build runs again.
 */
export interface DedicatedService {
  readonly name: 'kafka' | 'ferretdb';
  readonly env: Record<string, string>;
  /** The address clients use. */
  readonly address: string;
}

const servicesDir = process.env.SERVICES_DIR ?? path.join(repositoryRoot, '.services');

export function dedicatedKafka(): DedicatedService {
  const port = process.env.CONSISTENCY_KAFKA_PORT ?? '19092';
  const controllerPort = process.env.CONSISTENCY_KAFKA_CONTROLLER_PORT ?? '19093';
  const dir = path.join(servicesDir, 'kafka-consistency');
  seed(path.join(servicesDir, 'kafka', 'lib'), path.join(dir, 'lib'));
  return {
    name: 'kafka',
    env: { KAFKA_PORT: port, KAFKA_CONTROLLER_PORT: controllerPort, KAFKA_DIR: dir },
    address: `127.0.0.1:${port}`,
  };
}

export function dedicatedFerretDb(): DedicatedService {
  const port = process.env.CONSISTENCY_FERRETDB_PORT ?? '27018';
  const dir = path.join(servicesDir, 'ferretdb-consistency');
  seed(path.join(servicesDir, 'ferretdb', 'bin'), path.join(dir, 'bin'));
  return {
    name: 'ferretdb',
    env: { FERRETDB_PORT: port, FERRETDB_DIR: dir },
    address: `mongodb://127.0.0.1:${port}`,
  };
}

/** Runs `scripts/services/NAME.sh COMMAND` without blocking the test's event loop. */
export function runServiceScript(
  service: DedicatedService,
  command: 'start' | 'stop' | 'reset',
): Promise<void> {
  const script = path.join(repositoryRoot, 'scripts/services', `${service.name}.sh`);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script, command], {
      env: { ...process.env, ...service.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (part: Buffer) => (stderr += part.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 600_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${script} ${command} exited with ${code}:\n${stderr}`));
    });
  });
}

function seed(from: string, to: string): void {
  if (fs.existsSync(to) || !fs.existsSync(from)) return;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}
