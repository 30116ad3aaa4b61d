import { Logger } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { EventLogUnavailableError, LogRecord, StoredRecord } from '../event-log.port';
import { FileEventLog } from './file-event-log';

const POLL_MS = 20;

function record(value: unknown): LogRecord {
  return { key: 'k', value: JSON.stringify(value), headers: { h: 'v' } };
}

/** Polls until `check` holds, failing after `timeoutMs`. */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Returns the pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe(FileEventLog.name, () => {
  let directory: string;
  const opened: FileEventLog[] = [];

  async function openLog(dir = directory): Promise<FileEventLog> {
    const log = new FileEventLog(dir, POLL_MS);
    await log.open();
    opened.push(log);
    return log;
  }

  function logFile(): string {
    return path.join(directory, 'events.jsonl');
  }

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'file-event-log-'));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    for (const log of opened.splice(0)) await log.close();
    jest.restoreAllMocks();
    rmSync(directory, { recursive: true, force: true });
  });

  describe('when opening', () => {
    it('creates a missing directory', async () => {
      const nested = path.join(directory, 'a', 'b');

      const log = await openLog(nested);

      expect(existsSync(path.join(nested, 'events.jsonl'))).toBe(true);
      expect(log.description).toBe(path.join(nested, 'events.jsonl'));
    });

    it('starts empty', async () => {
      const log = await openLog();

      expect(await log.endPosition()).toBe(0);
    });
  });

  describe('when appending', () => {
    it('numbers records from one', async () => {
      const log = await openLog();

      const first = await log.append([record({ n: 1 }), record({ n: 2 })]);
      const second = await log.append([record({ n: 3 })]);

      expect(first).toEqual([1, 2]);
      expect(second).toEqual([3]);
    });

    it('writes one line per record', async () => {
      const log = await openLog();

      await log.append([record({ n: 1 }), record({ n: 2 })]);

      expect(readFileSync(logFile(), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    });

    it('gives concurrent appends their own positions', async () => {
      const log = await openLog();

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          log.append([record({ call: index, part: 0 }), record({ call: index, part: 1 })]),
        ),
      );

      expect(results.flat().sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, index) => index + 1),
      );
      expect(results.every(([first, second]) => second === first + 1)).toBe(true);
    });

    it('keeps each commit contiguous in the file', async () => {
      const log = await openLog();

      const results = await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          log.append([record({ call: index, part: 0 }), record({ call: index, part: 1 })]),
        ),
      );
      const lines = readFileSync(logFile(), 'utf8').trim().split('\n');

      for (const [index, [first]] of results.entries()) {
        expect(JSON.parse(lines[first - 1])).toEqual({ call: index, part: 0 });
        expect(JSON.parse(lines[first])).toEqual({ call: index, part: 1 });
      }
    });

    it('rejects a value with a line break', async () => {
      const log = await openLog();

      await expect(async () =>
        log.append([{ key: 'k', value: '{"a":\n1}', headers: {} }]),
      ).rejects.toThrow('An event log record must be a single line of JSON');
    });

    it('leaves no lock behind', async () => {
      const log = await openLog();

      await log.append([record({ n: 1 })]);

      expect(existsSync(`${logFile()}.lock`)).toBe(false);
    });

    it('fails once closed', async () => {
      const log = new FileEventLog(directory, POLL_MS);
      await log.open();
      await log.close();

      await expect(log.append([record({ n: 1 })])).rejects.toBeInstanceOf(EventLogUnavailableError);
    });
  });

  describe('when subscribing', () => {
    it('delivers the backlog in order', async () => {
      const log = await openLog();
      await log.append([record({ n: 1 }), record({ n: 2 })]);
      await log.append([record({ n: 3 })]);
      const received: StoredRecord[] = [];

      await log.subscribe(0, (batch) => void received.push(...batch));
      await eventually(() => received.length === 3);

      expect(received.map((item) => [item.position, JSON.parse(item.value).n])).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
      ]);
    });

    it('names the file as origin', async () => {
      const log = await openLog();
      await log.append([record({ n: 1 })]);
      const received: StoredRecord[] = [];

      await log.subscribe(0, (batch) => void received.push(...batch));
      await eventually(() => received.length === 1);

      expect(received[0]).toEqual({
        position: 1,
        key: null,
        value: '{"n":1}',
        headers: {},
        origin: { log: logFile(), partition: 0, offset: '1' },
      });
    });

    it('skips records up to the start', async () => {
      const log = await openLog();
      await log.append([record({ n: 1 }), record({ n: 2 }), record({ n: 3 })]);
      const received: number[] = [];

      await log.subscribe(2, (batch) => void received.push(...batch.map((item) => item.position)));
      await log.append([record({ n: 4 })]);
      await eventually(() => received.length === 2);

      expect(received).toEqual([3, 4]);
    });

    it('delivers later appends', async () => {
      const log = await openLog();
      const received: number[] = [];
      await log.subscribe(0, (batch) => void received.push(...batch.map((item) => item.position)));

      await log.append([record({ n: 1 })]);
      await log.append([record({ n: 2 })]);
      await eventually(() => received.length === 2);

      expect(received).toEqual([1, 2]);
    });

    it('waits for each batch handler', async () => {
      const log = await openLog();
      const events: string[] = [];
      await log.subscribe(0, async (batch) => {
        events.push(`start ${batch[0].position}`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        events.push(`end ${batch[0].position}`);
      });

      await log.append([record({ n: 1 })]);
      await log.append([record({ n: 2 })]);
      await eventually(() => events.length === 4);

      expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    });

    it('stops after close', async () => {
      const log = await openLog();
      const received: number[] = [];
      const subscription = await log.subscribe(0, (batch) => {
        received.push(...batch.map((item) => item.position));
      });

      await subscription.close();
      await log.append([record({ n: 1 })]);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS * 5));

      expect(received).toEqual([]);
    });
  });

  describe('when reopening the file', () => {
    it('keeps every record', async () => {
      const first = await openLog();
      await first.append([record({ n: 1 }), record({ n: 2 })]);
      await first.close();

      const second = await openLog();
      const positions = await second.append([record({ n: 3 })]);

      expect(await second.endPosition()).toBe(3);
      expect(positions).toEqual([3]);
    });
  });

  describe('when the last line is torn', () => {
    it('truncates it on open', async () => {
      writeFileSync(logFile(), '{"n":1}\n{"n":2}\n{"n":3,"cut');

      const log = await openLog();

      expect(await log.endPosition()).toBe(2);
      expect(readFileSync(logFile(), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    });

    it('truncates a file of one torn line', async () => {
      writeFileSync(logFile(), '{"cut');

      const log = await openLog();

      expect(await log.endPosition()).toBe(0);
      expect(statSync(logFile()).size).toBe(0);
    });

    it('logs the truncation', async () => {
      writeFileSync(logFile(), '{"n":1}\n{"cut');

      await openLog();

      expect(Logger.prototype.warn).toHaveBeenCalledWith(
        'Truncating an unfinished record at the end of the event log',
        { path: logFile(), bytes: 5 },
      );
    });

    it('appends after the cut', async () => {
      writeFileSync(logFile(), '{"n":1}\n{"cut');
      const log = await openLog();

      const positions = await log.append([record({ n: 2 })]);

      expect(positions).toEqual([2]);
      expect(readFileSync(logFile(), 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    });
  });

  describe('when another writer shares the file', () => {
    it('delivers its records', async () => {
      const reader = await openLog();
      const writer = await openLog();
      const received: string[] = [];
      await reader.subscribe(0, (batch) => void received.push(...batch.map((item) => item.value)));

      await writer.append([record({ from: 'writer' })]);
      await eventually(() => received.length === 1);

      expect(received).toEqual(['{"from":"writer"}']);
    });

    it('numbers after its records', async () => {
      const first = await openLog();
      const second = await openLog();

      await first.append([record({ n: 1 })]);
      const positions = await second.append([record({ n: 2 })]);

      expect(positions).toEqual([2]);
    });

    it('holds back a half-written line', async () => {
      const log = await openLog();
      const received: string[] = [];
      await log.subscribe(0, (batch) => void received.push(...batch.map((item) => item.value)));

      await appendFile(logFile(), '{"n":');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS * 5));
      const early = [...received];
      await appendFile(logFile(), '1}\n');
      await eventually(() => received.length === 1);

      expect(early).toEqual([]);
      expect(received).toEqual(['{"n":1}']);
    });
  });

  describe('when the lock is stale', () => {
    it('takes it over', async () => {
      const log = await openLog();
      writeFileSync(`${logFile()}.lock`, String(deadPid()));

      const positions = await log.append([record({ n: 1 })]);

      expect(positions).toEqual([1]);
    });
  });
});
