import { Logger } from '@nestjs/common';
import { open, readFile, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A cross-process lock: a file created exclusively, holding the owner's pid. A lock whose
 * owner no longer runs is stale and is taken over.
 */
export class FileLock {
  private readonly logger = new Logger(FileLock.name);

  constructor(
    private readonly path: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async withLock<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      await unlink(this.path).catch(() => undefined);
    }
  }

  private async acquire(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let delayMs = 1;
    for (;;) {
      try {
        const handle = await open(this.path, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (await this.removeIfStale()) continue;
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${this.timeoutMs} ms waiting for the lock ${this.path}`);
      }
      await sleep(delayMs);
      delayMs = Math.min(delayMs * 2, 20);
    }
  }

  private async removeIfStale(): Promise<boolean> {
    const owner = Number(await readFile(this.path, 'utf8').catch(() => ''));
    if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || isRunning(owner)) {
      return false;
    }
    this.logger.warn('Removing a stale event log lock', { path: this.path, pid: owner });
    await unlink(this.path).catch(() => undefined);
    return true;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
