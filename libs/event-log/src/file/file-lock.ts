import { Logger } from '@nestjs/common';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A cross-process lock: a file created exclusively, holding the owner's pid. A lock whose
 * owner no longer runs is stale and is taken over. The file operations are synchronous, since
 * each takes microseconds; only waiting for another owner is asynchronous.
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
      try {
        unlinkSync(this.path);
      } catch {
        // Already gone: a peer judged the lock stale, which only happens when this process hung.
      }
    }
  }

  private async acquire(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let delayMs = 1;
    for (;;) {
      if (this.tryCreate()) return;
      if (this.removeIfStale()) continue;
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${this.timeoutMs} ms waiting for the lock ${this.path}`);
      }
      await sleep(delayMs);
      delayMs = Math.min(delayMs * 2, 20);
    }
  }

  private tryCreate(): boolean {
    let fd: number;
    try {
      fd = openSync(this.path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    return true;
  }

  private removeIfStale(): boolean {
    let owner: number;
    try {
      owner = Number(readFileSync(this.path, 'utf8'));
    } catch {
      return false;
    }
    if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || isRunning(owner)) {
      return false;
    }
    this.logger.warn('Removing a stale event log lock', { path: this.path, pid: owner });
    try {
      unlinkSync(this.path);
    } catch {
      // Another process removed it first.
    }
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
