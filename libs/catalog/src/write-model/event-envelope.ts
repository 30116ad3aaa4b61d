import { randomUUID } from 'node:crypto';
import type { LogRecord, StoredRecord } from '@metadefs/event-log';
import { DomainEvent } from '../shared/domain/domain-event';
import { CatalogEvent, eventClassOf, subjectOf } from './catalog-event';
import { upcast } from './upcasters';

/** The CloudEvents `source` of every event the catalog writes. */
export const EVENT_SOURCE = '/v2/metadefs';

/** Who caused a commit, recorded on each of its events. */
export interface CommitMetadata {
  readonly correlationId: string;
  readonly userId: string | null;
  readonly projectId: string | null;
}

/**
 * A catalog event as it is stored: a CloudEvents 1.0 structured-mode JSON envelope. The
 * extension attributes tie the events of one commit together (`commitid`, `commitsize`,
 * `commitindex`). The first event of a commit also carries the stream versions the commit was
 * decided against (`expectedversions`, a JSON object in a string). Repeating them on every
 * event would make a commit's size grow with the square of its streams.
 */
export interface CloudEventEnvelope {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly schemaversion: number;
  readonly notification?: string;
  readonly commitid: string;
  readonly commitsize: number;
  readonly commitindex: number;
  readonly expectedversions?: string;
  readonly correlationid: string;
  readonly actoruserid?: string;
  readonly actorprojectid?: string;
  readonly data: unknown;
}

/** The schema version a type string ends with (`....v2` → 2). */
export function schemaVersionOf(type: string): number {
  const match = /\.v(\d+)$/.exec(type);
  return match ? Number(match[1]) : 1;
}

/** Encodes a decided commit as log records, one CloudEvent per domain event. */
export function encodeCommit(
  events: readonly DomainEvent[],
  expectedVersions: Readonly<Record<string, number>>,
  metadata: CommitMetadata,
  time: Date,
  commitId: string = randomUUID(),
): LogRecord[] {
  const expected = JSON.stringify(expectedVersions);
  return events.map((event, index) => {
    const cls = eventClassOf(event.type);
    const subject = subjectOf(event as CatalogEvent);
    const envelope: CloudEventEnvelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: EVENT_SOURCE,
      type: event.type,
      subject,
      time: time.toISOString(),
      datacontenttype: 'application/json',
      schemaversion: schemaVersionOf(event.type),
      ...(cls?.NOTIFICATION ? { notification: cls.NOTIFICATION } : {}),
      commitid: commitId,
      commitsize: events.length,
      commitindex: index,
      ...(index === 0 ? { expectedversions: expected } : {}),
      correlationid: metadata.correlationId,
      ...(metadata.userId ? { actoruserid: metadata.userId } : {}),
      ...(metadata.projectId ? { actorprojectid: metadata.projectId } : {}),
      data: event.data,
    };
    return {
      key: subject,
      value: JSON.stringify(envelope),
      headers: {
        'content-type': 'application/cloudevents+json; charset=UTF-8',
        ce_specversion: '1.0',
        ce_id: envelope.id,
        ce_type: envelope.type,
        ce_source: EVENT_SOURCE,
        ce_subject: subject,
        ce_time: envelope.time,
        ce_schemaversion: String(envelope.schemaversion),
        ce_correlationid: metadata.correlationId,
        ce_commitid: commitId,
      },
    };
  });
}

/** A stored record decoded into a catalog event, with its commit attributes. */
export interface DecodedRecord {
  readonly record: StoredRecord;
  readonly position: number;
  readonly envelope: CloudEventEnvelope;
  readonly event: CatalogEvent;
  readonly expectedVersions: Readonly<Record<string, number>>;
}

/** A record the catalog cannot read; it is set aside, never retried. */
export class UnreadableRecordError extends Error {
  constructor(
    readonly record: StoredRecord,
    readonly eventType: string | undefined,
    reason: string,
  ) {
    super(reason);
    this.name = 'UnreadableRecordError';
  }
}

/** Parses and validates one stored record, upcasting older event versions. */
export function decodeRecord(record: StoredRecord): DecodedRecord {
  let envelope: CloudEventEnvelope;
  try {
    envelope = JSON.parse(record.value) as CloudEventEnvelope;
  } catch {
    throw new UnreadableRecordError(record, undefined, 'the record is not JSON');
  }
  if (typeof envelope !== 'object' || envelope === null || typeof envelope.type !== 'string') {
    throw new UnreadableRecordError(record, undefined, 'the record is not a CloudEvent');
  }
  const current = upcast(envelope.type, envelope.data);
  const cls = current && eventClassOf(current.type);
  if (!current || !cls) {
    throw new UnreadableRecordError(record, envelope.type, 'unknown event type');
  }
  if (
    typeof envelope.commitid !== 'string' ||
    !Number.isInteger(envelope.commitsize) ||
    !Number.isInteger(envelope.commitindex) ||
    (envelope.commitindex === 0 && typeof envelope.expectedversions !== 'string') ||
    typeof current.data !== 'object' ||
    current.data === null
  ) {
    throw new UnreadableRecordError(record, envelope.type, 'missing commit attributes or data');
  }
  let expectedVersions: Record<string, number> = {};
  try {
    if (envelope.expectedversions !== undefined) {
      expectedVersions = JSON.parse(envelope.expectedversions) as Record<string, number>;
    }
  } catch {
    throw new UnreadableRecordError(record, envelope.type, 'expectedversions is not JSON');
  }
  return {
    record,
    position: record.position,
    envelope,
    event: new cls(current.data) as CatalogEvent,
    expectedVersions,
  };
}
