'use strict';

const { causeOf } = require('./gap-causes');

// Markdown output: the results table, the notes under it, the gaps, and BENCHMARKS.md.

const COLUMNS = [
  ['figure', 'Figure'],
  ['embedded', 'Catalog embedded'],
  ['kafka', 'Catalog Kafka+MongoDB'],
  ['glance', 'Glance'],
  ['ceiling', 'node:http ceiling'],
  ['ratioGlance', 'embedded ÷ Glance'],
  ['ratioCeilingEmbedded', 'embedded ÷ ceiling'],
  ['ratioCeilingKafka', 'Kafka+MongoDB ÷ ceiling'],
  ['target', 'Target'],
  ['met', 'Met'],
];

function renderTable(rows) {
  const escape = (text) => String(text ?? '—').replace(/\|/g, '\\|');
  const lines = [
    `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|${COLUMNS.map(([key]) => (key === 'figure' || key === 'target' || key === 'met' ? '---' : '---:')).join('|')}|`,
  ];
  for (const row of rows) {
    lines.push(`| ${COLUMNS.map(([key]) => escape(row[key])).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Returns the Markdown notes under the table: definitions, skipped targets and failures. */
function renderNotes(results) {
  const { options } = results;
  const notes = [
    `- Reads: autocannon, ${options.connections} connections, ${options.warmupSeconds} s warm-up discarded, then ${options.durationSeconds} s measured per route. req/s is the mean of one-second samples, and autocannon's p99 has a resolution of 1 ms.`,
    "- node:http ceiling: a bare node:http server in one child process (one event loop, like the catalog API) that returns, as a fixed body, the bytes of the embedded catalog's response to that route.",
    '- Ratios divide the figures as shown. For req/s higher is better, and for latencies lower is better.',
    `- Load time: the \`metadefs load --timing\` CLI reports the time of the load itself, so Node.js start-up and Nest bootstrap are excluded.`,
    '- Sustained creates count 2xx responses only. Non-2xx responses and connection errors are listed beside the rate.',
    '- Resident memory is VmRSS from /proc/<pid>/status in MiB (1 MiB = 1,048,576 bytes).',
  ];
  if (results.targets.glance) {
    notes.push(
      `- Glance: ${options.glanceProcesses} uWSGI processes of 1 thread. Its http-socket closes each connection after the response without a \`Connection: close\` header. autocannon writes its next request into that connection at once, so some requests fail and count as errors, and req/s counts completed responses only.`,
      `- Glance read latencies are not reported because autocannon ${results.versions.autocannon} overstates them on such connections. When the server ends a connection, autocannon reconnects but keeps the request it had written into the old connection in its queue (lib/httpClient.js). Each later response is then matched to an older request. Glance's create-then-read latencies come from the benchmark's own client and are valid.`,
    );
  }
  for (const [targetId, target] of Object.entries(results.targets)) {
    const samples = Object.entries((target.writes && target.writes.sampleBodies) || {});
    for (const [status, body] of samples) {
      notes.push(
        `- ${TARGET_TITLES[targetId]}, sustained creates, first ${status} response: \`${body.replace(/`/g, "'")}\``,
      );
    }
  }
  for (const [targetId, reason] of Object.entries(results.skipped)) {
    notes.push(`- ${TARGET_TITLES[targetId]} skipped: ${reason}.`);
  }
  for (const failure of results.failures) {
    notes.push(
      `- Failed: ${TARGET_TITLES[failure.target] || failure.target}, ${failure.step}: ${failure.message}`,
    );
  }
  return notes.join('\n');
}

const TARGET_TITLES = {
  embedded: 'Catalog embedded',
  kafka: 'Catalog Kafka+MongoDB',
  glance: 'Glance',
  ceiling: 'node:http ceiling',
  harness: 'Benchmark',
};

function renderGaps(gaps) {
  if (gaps.length === 0) return 'Every checked target was met.';
  return gaps
    .map(
      (gap) =>
        `- ${gap.figure} (${gap.store}): measured ${gap.measured}, target ${gap.target}.\n  cause: ${causeOf(gap) ?? 'to be analysed'}`,
    )
    .join('\n');
}

/** Renders BENCHMARKS.md: how the run was made, the table, its notes and the gaps. */
function renderDocument(results, table, gaps) {
  const { options, machine, versions } = results;
  const software = [`Node.js ${machine.node}`, `autocannon ${versions.autocannon}`];
  if (versions.kafka) software.push(`Apache Kafka ${versions.kafka} (scripts/services/kafka.sh)`);
  if (versions.ferretdb)
    software.push(`FerretDB ${versions.ferretdb} with SQLite (scripts/services/ferretdb.sh)`);
  if (versions.glance) {
    software.push(
      `OpenStack Glance ${versions.glance} (Debian python3-glance) under uWSGI, ${options.glanceProcesses} processes × 1 thread, SQLite (scripts/services/glance.sh)`,
    );
  }
  return `# Benchmarks

Measured by \`npm run bench\` (bench/run.js) on ${results.startedAt.toISOString()}.
Regenerate this page with the command below. \`npm run bench -- --help\` lists the options.

## How this was run

- Command: \`${results.command}\`
- CPU: ${machine.cpu}
- Memory: ${machine.memory}
- OS: ${machine.os}
- Load average (1, 5, 15 min) when the run started: ${machine.loadAverage}
- Software: ${software.join('; ')}
- Reads: ${options.connections} connections, ${options.warmupSeconds} s warm-up, ${options.durationSeconds} s per route
- Create-then-read: ${options.pairs} sequential pairs. Sustained creates: ${options.writeConnections} connections for ${options.writeDurationSeconds} s
- Memory: ${options.namespaces.toLocaleString('en-US')} namespaces created with ${options.namespaceConnections} concurrent requests, VmRSS read after ${options.idleSeconds} s idle
- Every server listens on 127.0.0.1 and shares the CPUs with the load generator, which runs in the benchmark process.

## Results

${table}

${renderNotes(results)}

## Gaps

${gaps}
`;
}

module.exports = {
  renderDocument,
  renderGaps,
  renderNotes,
  renderTable,
};
