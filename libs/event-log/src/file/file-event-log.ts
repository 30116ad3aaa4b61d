import { Logger } from '@nestjs/common';
import {
  FSWatcher,
  closeSync,
  fdatasync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  watch,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  EventLog,
  EventLogUnavailableError,
  LogRecord,
  LogSubscription,
  RecordHandler,
  StoredRecord,
} from '../event-log.port';
import { FileLock } from './file-lock';

const LOG_FILE = 'events.jsonl';
const NEWLINE = 0x0a;
const READ_CHUNK = 1 << 20;
const datasync = promisify(fdatasync);

interface PendingAppend {
  readonly lines: string[];
  resolve(positions: number[]): void;
  reject(error: unknown): void;
}

/**
 * An append-only event log in one file, a JSON value per line; a record's position is its line
 * number. Appends are flushed with fdatasync before they resolve, and concurrent appends share
 * one write and one flush. Several processes may share the file: appends take a lock file, and
 * every process tails the file for records the others wrote.
 *
 * A line cut short by a crash was never acknowledged; the next writer truncates it.
 *
 * Small file operations are synchronous: they take microseconds on a local file, while each
 * asynchronous one costs a trip through libuv's thread pool. Only the flush is asynchronous.
 */
export class FileEventLog implements EventLog {
  private readonly logger = new Logger(FileEventLog.name);
  private readonly path: string;
  private readonly lock: FileLock;
  private fd?: number;
  private watcher?: FSWatcher;
  private pollTimer?: NodeJS.Timeout;

  /** Bytes and lines of the file already delivered to subscribers. */
  private knownBytes = 0;
  private knownLines = 0;
  private readonly subscribers = new Set<Subscriber>();
  private queue: PendingAppend[] = [];
  private flushing = false;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    private readonly directory: string,
    private readonly pollIntervalMs = 250,
  ) {
    this.path = join(directory, LOG_FILE);
    this.lock = new FileLock(`${this.path}.lock`);
  }

  get description(): string {
    return this.path;
  }

  async open(): Promise<void> {
    try {
      mkdirSync(this.directory, { recursive: true });
      this.fd = openSync(this.path, 'a+');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `The event log file ${this.path} cannot be opened (check DATA_DIR): ${reason}`,
        {
          cause: error,
        },
      );
    }
    await this.lock.withLock(async () => this.truncateTornTail());
    this.watcher = watch(this.path, () => this.scheduleRead());
    this.watcher.on('error', (error) =>
      this.logger.warn('Watching the event log failed', { error }),
    );
    this.pollTimer = setInterval(() => this.scheduleRead(), this.pollIntervalMs);
    this.pollTimer.unref();
  }

  append(records: readonly LogRecord[]): Promise<number[]> {
    const lines = records.map((record) => {
      if (record.value.includes('\n')) {
        throw new Error('An event log record must be a single line of JSON');
      }
      return record.value;
    });
    return new Promise((resolve, reject) => {
      this.queue.push({ lines, resolve, reject });
      void this.flush();
    });
  }

  async subscribe(after: number, handler: RecordHandler): Promise<LogSubscription> {
    const subscriber = new Subscriber(after, handler);
    await this.serialize(async () => {
      await this.readRange(0, this.knownBytes, 0, [subscriber]);
      this.subscribers.add(subscriber);
    });
    this.scheduleRead();
    return {
      close: async () => {
        this.subscribers.delete(subscriber);
      },
    };
  }

  async endPosition(): Promise<number> {
    await this.serialize(() => this.readNewRecords());
    return this.knownLines;
  }

  async close(): Promise<void> {
    this.watcher?.close();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.subscribers.clear();
    await this.reading;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue;
    this.queue = [];
    try {
      const positions = await this.lock.withLock(() =>
        this.serialize(() => this.writeBatch(batch)),
      );
      let next = 0;
      for (const pending of batch) {
        pending.resolve(positions.slice(next, next + pending.lines.length));
        next += pending.lines.length;
      }
    } catch (error) {
      const failure = new EventLogUnavailableError(`Appending to ${this.path} failed`, {
        cause: error,
      });
      this.logger.error('Appending to the event log failed', {
        path: this.path,
        error: String(error),
      });
      for (const pending of batch) pending.reject(failure);
    } finally {
      this.flushing = false;
      void this.flush();
    }
  }

  /**
   * Writes a batch under the lock, after catching up with what other processes appended, and
   * hands the new records to subscribers once they are on disk.
   */
  private async writeBatch(batch: PendingAppend[]): Promise<number[]> {
    const fd = this.requireFd();
    this.truncateTornTail();
    await this.readNewRecords();

    const lines = batch.flatMap((pending) => pending.lines);
    const buffer = Buffer.from(lines.join('\n') + '\n', 'utf8');
    let written = 0;
    while (written < buffer.length) {
      written += writeSync(fd, buffer, written, buffer.length - written);
    }
    await datasync(fd);

    const first = this.knownLines + 1;
    const records = lines.map((line, index) => this.stored(first + index, line));
    this.knownBytes += buffer.length;
    this.knownLines += lines.length;
    for (const subscriber of this.subscribers) await subscriber.deliver(records);
    return records.map((record) => record.position);
  }

  /** Cuts a final line that lacks its newline: a writer died in the middle of it. */
  private truncateTornTail(): void {
    const fd = this.requireFd();
    const { size } = fstatSync(fd);
    if (size === 0) return;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === NEWLINE) return;

    let end = size - 1;
    const probe = Buffer.allocUnsafe(Math.min(READ_CHUNK, size));
    while (end > 0) {
      const start = Math.max(0, end - probe.length);
      const bytesRead = readSync(fd, probe, 0, end - start, start);
      const index = probe.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (index >= 0) {
        end = start + index + 1;
        break;
      }
      end = start;
    }
    this.logger.warn('Truncating an unfinished record at the end of the event log', {
      path: this.path,
      bytes: size - end,
    });
    ftruncateSync(fd, end);
  }

  private scheduleRead(): void {
    void this.serialize(() => this.readNewRecords()).catch((error) =>
      this.logger.error('Reading the event log failed', { path: this.path, error: String(error) }),
    );
  }

  /** Runs file reads one at a time, in call order. */
  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const result = this.reading.then(task);
    this.reading = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Reads complete lines past `knownBytes` and hands them to every subscriber. */
  private async readNewRecords(): Promise<void> {
    if (this.fd === undefined) return;
    const { size } = fstatSync(this.fd);
    if (size <= this.knownBytes) return;
    const consumed = await this.readRange(this.knownBytes, size, this.knownLines, [
      ...this.subscribers,
    ]);
    this.knownBytes += consumed.bytes;
    this.knownLines += consumed.lines;
  }

  /**
   * Reads the complete lines between two byte offsets and delivers them to subscribers.
   * Returns how many bytes and lines were consumed; a trailing partial line is left for later.
   */
  private async readRange(
    from: number,
    to: number,
    linesBefore: number,
    targets: readonly Subscriber[],
  ): Promise<{ bytes: number; lines: number }> {
    const fd = this.requireFd();
    let offset = from;
    let position = linesBefore;
    let carry = Buffer.alloc(0);
    const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, Math.max(to - from, 1)));

    while (offset + carry.length < to) {
      const length = Math.min(chunk.length, to - offset - carry.length);
      const bytesRead = readSync(fd, chunk, 0, length, offset + carry.length);
      if (bytesRead === 0) break;
      const data = Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
      const lastNewline = data.lastIndexOf(NEWLINE);
      if (lastNewline < 0) {
        carry = data;
        continue;
      }
      const batch = data
        .subarray(0, lastNewline)
        .toString('utf8')
        .split('\n')
        .map((value) => {
          position += 1;
          return this.stored(position, value);
        });
      for (const target of targets) await target.deliver(batch);
      offset += lastNewline + 1;
      carry = data.subarray(lastNewline + 1);
    }
    return { bytes: offset - from, lines: position - linesBefore };
  }

  private stored(position: number, value: string): StoredRecord {
    return {
      position,
      key: null,
      value,
      headers: {},
      origin: { log: this.path, partition: 0, offset: String(position) },
    };
  }

  private requireFd(): number {
    if (this.fd === undefined)
      throw new EventLogUnavailableError(`The event log ${this.path} is not open`);
    return this.fd;
  }
}

/** One subscription: skips records up to its start position, then hands batches over. */
class Subscriber {
  constructor(
    private readonly after: number,
    private readonly handler: RecordHandler,
  ) {}

  async deliver(batch: readonly StoredRecord[]): Promise<void> {
    const wanted = batch.filter((record) => record.position > this.after);
    if (wanted.length > 0) await this.handler(wanted);
  }
}
