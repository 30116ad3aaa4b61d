import { spawnSync } from 'node:child_process';

/** Installs python3-glanceclient with apt-get when `glance` is missing. */
export function ensureGlanceClient(): void {
  if (spawnSync('glance', ['--version'], { stdio: 'ignore' }).status === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The glance command is missing: install python3-glanceclient (apt-get needs root)',
    );
  }
  const environment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update'],
    ['install', '-y', '--no-install-recommends', 'python3-glanceclient'],
  ]) {
    const result = spawnSync('apt-get', args, {
      env: environment,
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (result.status !== 0)
      throw new Error(`apt-get ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}
