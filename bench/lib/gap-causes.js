'use strict';

// What the team found behind each target the benchmark can miss, with the measurements that
// show it. The report prints the cause under a gap whose figure starts with `figure` and
// whose store matches; a gap without an entry reads "cause: to be analysed".

const KAFKA_MONGODB_READS =
  'each read first reads the read-model checkpoint from MongoDB, so that a write acknowledged ' +
  'through any API replica is visible to the next read on every replica; documents then come ' +
  'from an in-process cache while the checkpoint stays. FerretDB v1.24 (SQLite) answers that ' +
  'point query in about 1.4 ms (50 sequential findOne calls on a one-document collection, ' +
  'mongodb driver 6, this machine), which bounds the request rate. Not measured against ' +
  'MongoDB itself.';

const KAFKA_MONGODB_SCHEMA =
  'this route reads no read model and runs the same code as the embedded API, which reached ' +
  'the target in the same run; here the API shares the two cores with the Kafka broker, ' +
  'FerretDB and the projector, whose Kafka consumers keep polling.';

const CAUSES = [
  { figure: 'GET /v2/schemas/', store: 'Kafka+MongoDB', cause: KAFKA_MONGODB_SCHEMA },
  { figure: 'GET ', store: 'Kafka+MongoDB', cause: KAFKA_MONGODB_READS },
  {
    figure: 'Create a property then GET it',
    store: 'embedded',
    cause:
      'the median is below the target; the tail comes from the write flush and event-loop ' +
      'stalls. Each write waits for fdatasync of the log file (this VM: p50 0.22 ms, p99 1.5 ms, ' +
      'max 6.4 ms over 2,000 appends of 600 bytes), and the event loop stalls up to 8 to 12 ms ' +
      'at times (perf_hooks.monitorEventLoopDelay over 1,500 pairs; garbage collection pauses ' +
      'up to 7 ms).',
  },
  {
    figure: 'Create a property then GET it',
    store: 'Kafka+MongoDB',
    cause:
      'a write answers once the projector has stored the namespace document and the checkpoint ' +
      'in FerretDB, and the read then fetches the changed document. FerretDB v1.24 with SQLite ' +
      'scans the collection for these lookups (findOne on an indexed field: 6 to 12 ms among 300 ' +
      'documents against 1.4 ms on a one-document collection; replaceOne 16 ms), so the FerretDB ' +
      'operations make up most of the time. Not measured against MongoDB itself.',
  },
  {
    figure: 'Resident memory (VmRSS) of a fresh API',
    store: 'embedded',
    cause:
      'V8 gives the pages freed after a burst of requests back to the system only after some ' +
      'idle time: in one run of the same 10,000 creates, VmRSS stayed at 176 MiB for 35 s, then ' +
      'fell to 101 MiB and stayed there. Raise --idle when the reading was taken too early.',
  },
];

/** The recorded cause of a gap, or undefined when none is recorded. */
function causeOf(gap) {
  const entry = CAUSES.find(
    (candidate) => gap.figure.startsWith(candidate.figure) && gap.store === candidate.store,
  );
  return entry && entry.cause;
}

module.exports = { causeOf };
