import { randomUUID } from 'node:crypto';

import type { LogRecord, StoredRecord } from '@metadefs/event-log';

import { NamespaceRecord } from '../namespaces/domain/namespace.types';
import {
  NamespaceUpdatedEvent,
  TagCreatedEvent,
  namespacePayload,
  tagPayload,
} from '../namespaces/events';
import { ResourceTypeCreatedEvent } from '../resource-types/events';
import {
  CommitMetadata,
  EVENT_SOURCE,
  UnreadableRecordError,
  decodeRecord,
  encodeCommit,
  schemaVersionOf,
} from './event-envelope';

const TIME = new Date('2024-05-06T07:08:09.123Z');
const CREATED_AT = '2024-05-06T07:08:09Z';

function namespaceRecord(name: string): NamespaceRecord {
  return {
    seq: 1,
    namespace: name,
    display_name: null,
    description: null,
    visibility: 'public',
    protected: false,
    owner: 'owner-project',
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
  };
}

function tagEvent(namespace: string, name = 't'): TagCreatedEvent {
  return new TagCreatedEvent(
    tagPayload(namespace, { name, created_at: CREATED_AT, updated_at: CREATED_AT }),
  );
}

function metadata(overrides: Partial<CommitMetadata> = {}): CommitMetadata {
  return {
    correlationId: `req-${randomUUID()}`,
    userId: 'user-1',
    projectId: 'project-1',
    ...overrides,
  };
}

/** Returns the stored record that a log gives back for an appended one. */
function stored(record: LogRecord, position: number): StoredRecord {
  return {
    position,
    key: record.key,
    value: record.value,
    headers: record.headers,
    origin: { log: 'memory', partition: 0, offset: String(position - 1) },
  };
}

function rawRecord(value: string, position = 1): StoredRecord {
  return {
    position,
    key: null,
    value,
    headers: {},
    origin: { log: 'memory', partition: 0, offset: '0' },
  };
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(encodeCommit.name, () => {
  describe('when encoding a commit', () => {
    it('writes one record per event', () => {
      const namespace = `ns-${randomUUID()}`;

      const records = encodeCommit(
        [tagEvent(namespace, 'a'), tagEvent(namespace, 'b')],
        {},
        metadata(),
        TIME,
      );

      expect(records).toHaveLength(2);
    });

    it('sets the CloudEvents attributes', () => {
      const namespace = `ns-${randomUUID()}`;
      const commitId = randomUUID();
      const meta = metadata();
      const expected = { [`namespace:${namespace}`]: 3 };

      const [record] = encodeCommit([tagEvent(namespace)], expected, meta, TIME, commitId);

      expect(JSON.parse(record.value)).toEqual({
        specversion: '1.0',
        id: expect.any(String),
        source: EVENT_SOURCE,
        type: 'org.openstack.metadefs.tag.created.v1',
        subject: namespace,
        time: '2024-05-06T07:08:09.123Z',
        datacontenttype: 'application/json',
        schemaversion: 1,
        notification: 'metadef_tag.create',
        commitid: commitId,
        commitsize: 1,
        commitindex: 0,
        expectedversions: JSON.stringify(expected),
        correlationid: meta.correlationId,
        actoruserid: 'user-1',
        actorprojectid: 'project-1',
        data: tagEvent(namespace).data,
      });
    });

    it('numbers events within the commit', () => {
      const namespace = `ns-${randomUUID()}`;

      const records = encodeCommit(
        [tagEvent(namespace, 'a'), tagEvent(namespace, 'b'), tagEvent(namespace, 'c')],
        {},
        metadata(),
        TIME,
      );

      expect(records.map((record) => JSON.parse(record.value).commitindex)).toEqual([0, 1, 2]);
    });

    it('carries the expected versions on the first event only', () => {
      const namespace = `ns-${randomUUID()}`;
      const expected = { [`namespace:${namespace}`]: 7 };

      const records = encodeCommit(
        [tagEvent(namespace, 'a'), tagEvent(namespace, 'b')],
        expected,
        metadata(),
        TIME,
      );

      expect(records.map((record) => JSON.parse(record.value).expectedversions)).toEqual([
        JSON.stringify(expected),
        undefined,
      ]);
    });

    it('decodes a later event of a commit without expected versions', () => {
      const namespace = `ns-${randomUUID()}`;
      const records = encodeCommit(
        [tagEvent(namespace, 'a'), tagEvent(namespace, 'b')],
        { [`namespace:${namespace}`]: 2 },
        metadata(),
        TIME,
      );

      const decoded = decodeRecord(stored(records[1], 2));

      expect(decoded.expectedVersions).toEqual({});
    });

    it('shares one commit id', () => {
      const namespace = `ns-${randomUUID()}`;

      const records = encodeCommit(
        [tagEvent(namespace, 'a'), tagEvent(namespace, 'b')],
        {},
        metadata(),
        TIME,
      );

      expect(new Set(records.map((record) => JSON.parse(record.value).commitid)).size).toBe(1);
    });

    it('omits notification where Glance sends none', () => {
      const type = `OS::${randomUUID()}`;
      const event = new ResourceTypeCreatedEvent({
        name: type,
        protected: false,
        created_at: CREATED_AT,
        updated_at: CREATED_AT,
      });

      const [record] = encodeCommit([event], {}, metadata(), TIME);

      expect(JSON.parse(record.value)).not.toHaveProperty('notification');
    });

    it('uses the resource type as subject', () => {
      const type = `OS::${randomUUID()}`;
      const event = new ResourceTypeCreatedEvent({
        name: type,
        protected: true,
        created_at: CREATED_AT,
        updated_at: null,
      });

      const [record] = encodeCommit([event], {}, metadata(), TIME);

      expect(record.key).toBe(type);
    });

    it('uses the new name on rename', () => {
      const name = `ns-${randomUUID()}`;
      const event = new NamespaceUpdatedEvent(
        namespacePayload(namespaceRecord(`${name}-new`), { namespaceOld: name }),
      );

      const [record] = encodeCommit([event], {}, metadata(), TIME);

      expect(JSON.parse(record.value).subject).toBe(`${name}-new`);
    });

    it('omits an anonymous actor', () => {
      const [record] = encodeCommit(
        [tagEvent(`ns-${randomUUID()}`)],
        {},
        metadata({ userId: null, projectId: null }),
        TIME,
      );

      const envelope = JSON.parse(record.value);

      expect(envelope).not.toHaveProperty('actoruserid');
      expect(envelope).not.toHaveProperty('actorprojectid');
    });
  });

  describe('when setting Kafka headers', () => {
    it('mirrors the routing attributes', () => {
      const namespace = `ns-${randomUUID()}`;
      const commitId = randomUUID();
      const meta = metadata();

      const [record] = encodeCommit([tagEvent(namespace)], {}, meta, TIME, commitId);
      const envelope = JSON.parse(record.value);

      expect(record.headers).toEqual({
        'content-type': 'application/cloudevents+json; charset=UTF-8',
        ce_specversion: '1.0',
        ce_id: envelope.id,
        ce_type: 'org.openstack.metadefs.tag.created.v1',
        ce_source: EVENT_SOURCE,
        ce_subject: namespace,
        ce_time: '2024-05-06T07:08:09.123Z',
        ce_schemaversion: '1',
        ce_correlationid: meta.correlationId,
        ce_commitid: commitId,
      });
    });

    it('keys the record by subject', () => {
      const namespace = `ns-${randomUUID()}`;

      const [record] = encodeCommit([tagEvent(namespace)], {}, metadata(), TIME);

      expect(record.key).toBe(namespace);
    });
  });
});

describe(decodeRecord.name, () => {
  describe('when the record was encoded here', () => {
    it('returns an event of the same class', () => {
      const namespace = `ns-${randomUUID()}`;
      const [record] = encodeCommit([tagEvent(namespace)], {}, metadata(), TIME);

      const decoded = decodeRecord(stored(record, 5));

      expect(decoded.event).toBeInstanceOf(TagCreatedEvent);
    });

    it('returns the same data', () => {
      const namespace = `ns-${randomUUID()}`;
      const event = tagEvent(namespace);
      const [record] = encodeCommit([event], {}, metadata(), TIME);

      const decoded = decodeRecord(stored(record, 5));

      expect(decoded.event.data).toEqual(event.data);
    });

    it('returns position and expected versions', () => {
      const namespace = `ns-${randomUUID()}`;
      const expected = { [`namespace:${namespace}`]: 2, 'resource_type:OS::X': 0 };
      const [record] = encodeCommit([tagEvent(namespace)], expected, metadata(), TIME);

      const decoded = decodeRecord(stored(record, 5));

      expect(decoded.position).toBe(5);
      expect(decoded.expectedVersions).toEqual(expected);
    });
  });

  describe('when the record is unreadable', () => {
    function envelopeWith(changes: Record<string, unknown>): string {
      const [record] = encodeCommit([tagEvent(`ns-${randomUUID()}`)], {}, metadata(), TIME);
      return JSON.stringify({ ...JSON.parse(record.value), ...changes });
    }

    const cases = [
      {
        label: 'text that is not JSON',
        value: () => 'not json {',
        reason: 'the record is not JSON',
      },
      { label: 'a JSON scalar', value: () => '42', reason: 'the record is not a CloudEvent' },
      { label: 'JSON null', value: () => 'null', reason: 'the record is not a CloudEvent' },
      {
        label: 'an envelope without type',
        value: () => envelopeWith({ type: undefined }),
        reason: 'the record is not a CloudEvent',
      },
      {
        label: 'an unknown type',
        value: () => envelopeWith({ type: 'org.example.unknown.v1' }),
        reason: 'unknown event type',
      },
      {
        label: 'a missing commit id',
        value: () => envelopeWith({ commitid: undefined }),
        reason: 'missing commit attributes or data',
      },
      {
        label: 'a fractional commit size',
        value: () => envelopeWith({ commitsize: 1.5 }),
        reason: 'missing commit attributes or data',
      },
      {
        label: 'a missing commit index',
        value: () => envelopeWith({ commitindex: undefined }),
        reason: 'missing commit attributes or data',
      },
      {
        label: 'missing expected versions',
        value: () => envelopeWith({ expectedversions: undefined }),
        reason: 'missing commit attributes or data',
      },
      {
        label: 'null data',
        value: () => envelopeWith({ data: null }),
        reason: 'missing commit attributes or data',
      },
      {
        label: 'expected versions that are not JSON',
        value: () => envelopeWith({ expectedversions: '{oops' }),
        reason: 'expectedversions is not JSON',
      },
    ];

    it.each(cases)('raises for $label', ({ value, reason }) => {
      const record = rawRecord(value());

      const error = thrown(() => decodeRecord(record));

      expect(error).toBeInstanceOf(UnreadableRecordError);
      expect((error as UnreadableRecordError).message).toBe(reason);
    });

    it('keeps the record and type', () => {
      const record = rawRecord(envelopeWith({ type: 'org.example.unknown.v1' }));

      const error = thrown(() => decodeRecord(record)) as UnreadableRecordError;

      expect(error.record).toBe(record);
      expect(error.eventType).toBe('org.example.unknown.v1');
    });
  });
});

describe(schemaVersionOf.name, () => {
  describe('when reading a type string', () => {
    it('takes the version suffix', () => {
      expect(schemaVersionOf('org.openstack.metadefs.tag.created.v12')).toBe(12);
    });

    it('defaults to version one', () => {
      expect(schemaVersionOf('org.openstack.metadefs.tag.created')).toBe(1);
    });
  });
});

describe('upcasters', () => {
  const OLDER = 'org.openstack.metadefs.tag.created.v0';
  const OLDEST = 'org.openstack.metadefs.tag.created.v-1';

  type Modules = {
    upcasters: typeof import('./upcasters');
    envelope: typeof import('./event-envelope');
  };

  /** Loads fresh copies of the codec, so that registrations vanish with them. */
  function isolatedCodec(): Modules {
    let modules: Modules | undefined;
    jest.isolateModules(() => {
      modules = {
        upcasters: require('./upcasters') as Modules['upcasters'],
        envelope: require('./event-envelope') as Modules['envelope'],
      };
    });
    if (!modules) throw new Error('The isolated modules did not load');
    return modules;
  }

  /** Builds a record as an older writer stored it, with an older type and data shape. */
  function olderRecord(type: string, data: unknown): StoredRecord {
    const [record] = encodeCommit([tagEvent('placeholder')], {}, metadata(), TIME);
    return rawRecord(JSON.stringify({ ...JSON.parse(record.value), type, data }), 3);
  }

  function upgradeOlder(data: unknown) {
    const { ns, tag } = data as { ns: string; tag: string };
    return {
      type: TagCreatedEvent.TYPE,
      data: tagPayload(ns, { name: tag, created_at: CREATED_AT, updated_at: null }),
    };
  }

  describe('when an older type is registered', () => {
    it('reads it as the current event', () => {
      const { upcasters, envelope } = isolatedCodec();
      upcasters.registerUpcaster(OLDER, upgradeOlder);
      const namespace = `ns-${randomUUID()}`;

      const decoded = envelope.decodeRecord(olderRecord(OLDER, { ns: namespace, tag: 'x' }));

      expect(decoded.event.type).toBe(TagCreatedEvent.TYPE);
      expect(decoded.event.data).toEqual(
        tagPayload(namespace, { name: 'x', created_at: CREATED_AT, updated_at: null }),
      );
    });

    it('follows a chain of versions', () => {
      const { upcasters, envelope } = isolatedCodec();
      upcasters.registerUpcaster(OLDER, upgradeOlder);
      upcasters.registerUpcaster(OLDEST, (data) => ({
        type: OLDER,
        data: { ns: (data as { namespace: string }).namespace, tag: 'chained' },
      }));

      const decoded = envelope.decodeRecord(olderRecord(OLDEST, { namespace: 'ns-chain' }));

      expect(decoded.event.data).toMatchObject({ namespace: 'ns-chain', name: 'chained' });
    });

    it('treats a cycle as unknown', () => {
      const { upcasters, envelope } = isolatedCodec();
      upcasters.registerUpcaster(OLDER, (data) => ({ type: OLDEST, data }));
      upcasters.registerUpcaster(OLDEST, (data) => ({ type: OLDER, data }));

      const error = thrown(() => envelope.decodeRecord(olderRecord(OLDER, {})));

      expect((error as Error).message).toBe('unknown event type');
    });
  });

  describe('when nothing is registered', () => {
    it('rejects the older type', () => {
      const error = thrown(() => decodeRecord(olderRecord(OLDER, { ns: 'ns', tag: 'x' })));

      expect(error).toBeInstanceOf(UnreadableRecordError);
    });
  });
});
