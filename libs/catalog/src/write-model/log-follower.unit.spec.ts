import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import type {
  EventLog,
  LogRecord,
  LogSubscription,
  RecordHandler,
  StoredRecord,
} from '@metadefs/event-log';

import { NamespaceRecord } from '../namespaces/domain/namespace.types';
import {
  NamespaceCreatedEvent,
  TagCreatedEvent,
  namespacePayload,
  tagPayload,
} from '../namespaces/events';
import { DomainEvent } from '../shared/domain/domain-event';
import { namespaceStream } from '../shared/domain/decision';
import { FoldResult } from './catalog-state';
import { Commit } from './commit';
import { encodeCommit } from './event-envelope';
import { FoldListener, LogFollower } from './log-follower';

const TIME = new Date('2024-05-06T07:08:09Z');
const CREATED_AT = '2024-05-06T07:08:09Z';

/** An event log kept in memory that delivers each append to subscribers in order. */
class MemoryEventLog implements EventLog {
  readonly description = 'memory';
  private readonly records: StoredRecord[] = [];
  private readonly handlers = new Set<RecordHandler>();
  private delivery: Promise<void> = Promise.resolve();

  async append(records: readonly LogRecord[]): Promise<number[]> {
    const stored = records.map((record) => this.store(record.value, record.key));
    this.deliver(stored);
    await this.delivery;
    return stored.map((record) => record.position);
  }

  /** Appends values that need not be catalog events. */
  async appendValues(values: readonly string[]): Promise<StoredRecord[]> {
    const stored = values.map((value) => this.store(value, null));
    this.deliver(stored);
    await this.delivery;
    return stored;
  }

  /** Hands records from `position` on to subscribers again, as a restarted consumer may. */
  async redeliverFrom(position: number): Promise<void> {
    this.deliver(this.records.filter((record) => record.position >= position));
    await this.delivery;
  }

  async subscribe(after: number, handler: RecordHandler): Promise<LogSubscription> {
    const backlog = this.records.filter((record) => record.position > after);
    this.handlers.add(handler);
    if (backlog.length > 0) {
      this.delivery = this.delivery.then(() => handler(backlog));
    }
    return { close: async () => void this.handlers.delete(handler) };
  }

  async endPosition(): Promise<number> {
    return this.records.length;
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }

  private store(value: string, key: string | null): StoredRecord {
    const position = this.records.length + 1;
    const record: StoredRecord = {
      position,
      key,
      value,
      headers: {},
      origin: { log: 'memory', partition: 0, offset: String(position - 1) },
    };
    this.records.push(record);
    return record;
  }

  private deliver(batch: readonly StoredRecord[]): void {
    for (const handler of this.handlers) {
      this.delivery = this.delivery.then(() => handler(batch));
    }
  }
}

interface Parked {
  readonly position: number;
  readonly eventType: string | undefined;
  readonly reason: string;
}

/** A listener that records what the follower reports. */
class RecordingListener implements FoldListener {
  readonly commits: Array<{ id: string; outcome: string; position: number }> = [];
  readonly parked: Parked[] = [];

  onCommit(commit: Commit, result: FoldResult, position: number): void {
    this.commits.push({ id: commit.id, outcome: result.outcome, position });
  }

  onParked(record: StoredRecord, eventType: string | undefined, reason: string): void {
    this.parked.push({ position: record.position, eventType, reason });
  }
}

function namespaceEvent(name: string): NamespaceCreatedEvent {
  const record: NamespaceRecord = {
    seq: 0,
    namespace: name,
    display_name: null,
    description: null,
    visibility: 'public',
    protected: false,
    owner: 'p',
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
  };
  return new NamespaceCreatedEvent(namespacePayload(record));
}

function tagEvent(namespace: string, name: string): TagCreatedEvent {
  return new TagCreatedEvent(
    tagPayload(namespace, { name, created_at: CREATED_AT, updated_at: CREATED_AT }),
  );
}

function encode(
  events: readonly DomainEvent[],
  expected: Record<string, number> = {},
  commitId: string = randomUUID(),
): LogRecord[] {
  return encodeCommit(
    events,
    expected,
    { correlationId: 'req-1', userId: null, projectId: null },
    TIME,
    commitId,
  );
}

function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

async function startedFollower(log: MemoryEventLog) {
  const follower = new LogFollower(log);
  const listener = new RecordingListener();
  follower.addListener(listener);
  await follower.start();
  return { follower, listener };
}

describe(LogFollower.name, () => {
  let errorLog: jest.SpyInstance;

  beforeEach(() => {
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('when the log has records at start', () => {
    it('folds them before resolving', async () => {
      const log = new MemoryEventLog();
      const name = uniqueName('ns');
      await log.append(encode([namespaceEvent(name), tagEvent(name, 't')]));

      const { follower } = await startedFollower(log);

      expect(follower.state.namespace(name)?.tags.map((tag) => tag.name)).toEqual(['t']);
    });

    it('reaches the end position', async () => {
      const log = new MemoryEventLog();
      await log.append(encode([namespaceEvent(uniqueName('ns'))]));
      await log.append(encode([namespaceEvent(uniqueName('ns'))]));

      const { follower } = await startedFollower(log);

      expect(follower.position).toBe(2);
    });
  });

  describe('when commits arrive', () => {
    it('folds them in log order', async () => {
      const log = new MemoryEventLog();
      const { follower } = await startedFollower(log);
      const name = uniqueName('ns');

      await log.append(encode([namespaceEvent(name)], { [namespaceStream(name)]: 0 }));
      await log.append(encode([tagEvent(name, 'a')], { [namespaceStream(name)]: 1 }));
      await log.append(encode([tagEvent(name, 'b')], { [namespaceStream(name)]: 2 }));

      expect(follower.state.namespace(name)?.tags.map((tag) => tag.name)).toEqual(['a', 'b']);
    });

    it('tells listeners each commit', async () => {
      const log = new MemoryEventLog();
      const { listener } = await startedFollower(log);
      const [first, second] = [randomUUID(), randomUUID()];

      await log.append(encode([namespaceEvent(uniqueName('ns'))], {}, first));
      await log.append(
        encode([namespaceEvent(uniqueName('ns')), namespaceEvent(uniqueName('ns'))], {}, second),
      );

      expect(listener.commits).toEqual([
        { id: first, outcome: 'applied', position: 1 },
        { id: second, outcome: 'applied', position: 3 },
      ]);
    });

    it('waits for the whole commit', async () => {
      const log = new MemoryEventLog();
      const { listener } = await startedFollower(log);
      const name = uniqueName('ns');
      const records = encode([namespaceEvent(name), tagEvent(name, 't')]);

      await log.append(records.slice(0, 1));

      expect(listener.commits).toEqual([]);
    });
  });

  describe('when awaiting a commit', () => {
    it('resolves applied', async () => {
      const log = new MemoryEventLog();
      const { follower } = await startedFollower(log);
      const commitId = randomUUID();
      const outcome = follower.awaitCommit(commitId);

      await log.append(encode([namespaceEvent(uniqueName('ns'))], {}, commitId));

      await expect(outcome).resolves.toBe('applied');
    });

    it('resolves conflict for a lost race', async () => {
      const log = new MemoryEventLog();
      const { follower } = await startedFollower(log);
      const name = uniqueName('ns');
      const stream = { [namespaceStream(name)]: 0 };
      await log.append(encode([namespaceEvent(name)], stream));
      const commitId = randomUUID();
      const outcome = follower.awaitCommit(commitId);

      await log.append(encode([namespaceEvent(name)], stream, commitId));

      await expect(outcome).resolves.toBe('conflict');
    });

    it('resolves invalid for a misfit', async () => {
      const log = new MemoryEventLog();
      const { follower } = await startedFollower(log);
      const commitId = randomUUID();
      const outcome = follower.awaitCommit(commitId);

      await log.append(encode([tagEvent(uniqueName('absent'), 't')], {}, commitId));

      await expect(outcome).resolves.toBe('invalid');
    });
  });

  describe('when a commit is interrupted', () => {
    async function interrupted() {
      const log = new MemoryEventLog();
      const { follower, listener } = await startedFollower(log);
      const [cut, whole] = [uniqueName('cut'), uniqueName('whole')];
      const cutRecords = encode([namespaceEvent(cut), tagEvent(cut, 't')]);
      await log.append(cutRecords.slice(0, 1));
      await log.append(encode([namespaceEvent(whole)]));
      return { log, follower, listener, cut, whole, cutRecords };
    }

    it('parks the partial records', async () => {
      const { listener } = await interrupted();

      expect(listener.parked).toEqual([
        {
          position: 1,
          eventType: 'org.openstack.metadefs.namespace.created.v1',
          reason: 'the commit was interrupted by another commit',
        },
      ]);
    });

    it('applies none of them', async () => {
      const { follower, cut } = await interrupted();

      expect(follower.state.namespace(cut)).toBeUndefined();
    });

    it('folds the next commit', async () => {
      const { follower, whole } = await interrupted();

      expect(follower.state.namespace(whole)).toBeDefined();
    });

    it('parks a late rest, never retrying', async () => {
      const { log, follower, listener, cut, cutRecords } = await interrupted();

      await log.append(cutRecords.slice(1));

      expect(listener.parked.map((parked) => parked.reason)).toEqual([
        'the commit was interrupted by another commit',
        'the record is out of order within its commit',
      ]);
      expect(follower.state.namespace(cut)).toBeUndefined();
    });

    it('logs the place in the log', async () => {
      await interrupted();

      expect(errorLog).toHaveBeenCalledWith(
        'Set aside an event log record',
        expect.objectContaining({ log: 'memory', partition: 0, offset: '0' }),
      );
    });
  });

  describe('when a record is unreadable', () => {
    it('parks it with the reason', async () => {
      const log = new MemoryEventLog();
      const { listener } = await startedFollower(log);

      await log.appendValues(['this is not json']);

      expect(listener.parked).toEqual([
        { position: 1, eventType: undefined, reason: 'the record is not JSON' },
      ]);
    });

    it('moves on to later commits', async () => {
      const log = new MemoryEventLog();
      const { follower, listener } = await startedFollower(log);
      const name = uniqueName('ns');

      await log.appendValues(['this is not json']);
      await log.append(encode([namespaceEvent(name)]));

      expect(follower.state.namespace(name)).toBeDefined();
      expect(listener.parked).toHaveLength(1);
    });

    it('counts it as seen', async () => {
      const log = new MemoryEventLog();
      const { follower } = await startedFollower(log);

      await log.appendValues(['{}', 'null']);

      expect(follower.position).toBe(2);
    });
  });

  describe('when records arrive again', () => {
    it('folds each commit once', async () => {
      const log = new MemoryEventLog();
      const { follower, listener } = await startedFollower(log);
      const name = uniqueName('ns');
      await log.append(encode([namespaceEvent(name), tagEvent(name, 't')]));

      await log.redeliverFrom(1);

      expect(listener.commits.map((commit) => commit.outcome)).toEqual(['applied']);
      expect(follower.state.namespace(name)?.tags.map((tag) => tag.name)).toEqual(['t']);
    });

    it('parks nothing', async () => {
      const log = new MemoryEventLog();
      const { listener } = await startedFollower(log);
      const name = uniqueName('ns');
      await log.append(encode([namespaceEvent(name), tagEvent(name, 't')]));

      await log.redeliverFrom(2);

      expect(listener.parked).toEqual([]);
    });
  });

  describe('when waiting for a position', () => {
    it('resolves at once when reached', async () => {
      const log = new MemoryEventLog();
      await log.append(encode([namespaceEvent(uniqueName('ns'))]));
      const { follower } = await startedFollower(log);

      await expect(follower.waitForPosition(1)).resolves.toBeUndefined();
    });

    it('waits for later records', async () => {
      const log = new MemoryEventLog();
      const { follower } = await startedFollower(log);
      let reached = false;
      const waiting = follower.waitForPosition(2).then(() => {
        reached = true;
      });

      await log.append(encode([namespaceEvent(uniqueName('ns'))]));
      const early = reached;
      await log.append(encode([namespaceEvent(uniqueName('ns'))]));
      await waiting;

      expect(early).toBe(false);
      expect(reached).toBe(true);
    });
  });

  describe('when stopped', () => {
    it('folds nothing more', async () => {
      const log = new MemoryEventLog();
      const { follower } = await startedFollower(log);
      const name = uniqueName('ns');

      await follower.stop();
      await log.append(encode([namespaceEvent(name)]));

      expect(follower.state.namespace(name)).toBeUndefined();
    });
  });
});
