'use strict';

// The rows of the results table: the figures of each target, the ratios, and the check of
// each figure against its target.

const TARGETS = {
  readShareOfCeiling: 0.4,
  pairP99Ms: { embedded: 5, kafka: 30 },
  loadMs: 300,
  residentMiB: 120,
  residentNamespaces: 10000,
};

const STORE_LABELS = { embedded: 'embedded', kafka: 'Kafka+MongoDB' };

// Formatting of figures for the table.

function formatMs(value) {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

function formatRate(value) {
  return Math.round(value).toLocaleString('en-US');
}

function formatRatio(numerator, denominator) {
  if (!isNumber(numerator) || !isNumber(denominator) || denominator === 0) return '—';
  const ratio = numerator / denominator;
  let digits = 2;
  if (ratio >= 100) {
    digits = 0;
  } else if (ratio >= 10) {
    digits = 1;
  }
  return `${ratio.toFixed(digits)}×`;
}

function formatShare(numerator, denominator) {
  if (!isNumber(numerator) || !isNumber(denominator) || denominator === 0) return '—';
  const percent = (numerator / denominator) * 100;
  // One decimal, so that a share just under a target such as 40% does not print as 40%.
  return percent < 100 ? `${percent.toFixed(1)}%` : `${Math.round(percent)}%`;
}

function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Returns the table cell of one figure of one target: the formatted value, "skipped" when the
 * target was not measured, or "failed" when the target ran but the figure is missing.
 */
function cell(results, targetId, pick, format) {
  const target = results.targets[targetId];
  if (!target) return results.skipped[targetId] !== undefined ? 'skipped' : 'failed';
  const value = pick(target);
  return value === undefined ? 'failed' : format(value);
}

function readCell(read) {
  // autocannon records latencies in whole milliseconds.
  const latency =
    read.latencyValid === false ? 'not valid (see notes)' : `${formatRate(read.p99Ms)} ms`;
  let text = `${formatRate(read.requestsPerSecond)} req/s, p99 ${latency}`;
  if (read.non2xx > 0) text += `, ${formatRate(read.non2xx)} non-2xx`;
  if (read.errors > 0) text += `, ${formatRate(read.errors)} errors`;
  return text;
}

function writesCell(writes) {
  let text = `${formatRate(writes.writesPerSecond)}/s (${writes.non2xx} non-2xx`;
  if (writes.errors > 0) text += `, ${writes.errors} errors`;
  return `${text})`;
}

/**
 * Checks a figure of each catalog store in `stores` against its target. `measure` returns the
 * store's figure or undefined, `passes` whether the figure meets the target, and `describe`
 * the measured value and the target for the gaps section. Returns the "met" cell and the unmet
 * targets.
 */
function evaluate(results, figure, stores, { measure, passes, describe }) {
  const parts = [];
  const unmet = [];
  for (const store of stores) {
    const target = results.targets[store];
    const value = target && measure(target, store);
    if (value === undefined) continue;
    const met = passes(value, store);
    parts.push(`${STORE_LABELS[store]}: ${met ? 'yes' : 'no'}`);
    if (!met) unmet.push({ figure, store: STORE_LABELS[store], ...describe(value, store) });
  }
  return { met: parts.length > 0 ? parts.join(', ') : '—', unmet };
}

/** Builds the rows of the results table and the list of unmet targets. */
function buildRows(results) {
  const { options, files, routes } = results;
  const rows = [];
  const gaps = [];
  const addRow = (row, evaluation) => {
    rows.push({ ...row, met: evaluation ? evaluation.met : '—' });
    if (evaluation) gaps.push(...evaluation.unmet);
  };

  const loadFigure = `Load ${files} files with the CLI, ms (load only, process start-up excluded)`;
  addRow(
    {
      figure: loadFigure,
      embedded: cell(results, 'embedded', (t) => t.loadMs, formatMs),
      kafka: cell(results, 'kafka', (t) => t.loadMs, formatMs),
      glance: 'n/a',
      ceiling: '—',
      target: `< ${TARGETS.loadMs} ms (embedded)`,
    },
    evaluate(results, loadFigure, ['embedded'], {
      measure: (t) => t.loadMs,
      passes: (value) => value < TARGETS.loadMs,
      describe: (value) => ({ measured: formatMs(value), target: `< ${TARGETS.loadMs} ms` }),
    }),
  );

  addRow({
    figure: `API cold start, spawn to first response on /versions (${files} namespaces stored)`,
    embedded: cell(results, 'embedded', (t) => t.coldStartMs, formatMs),
    kafka: cell(results, 'kafka', (t) => t.coldStartMs, formatMs),
    glance: 'n/a',
    ceiling: '—',
    target: '—',
  });

  addRow({
    figure: `Glance start with glance.sh: schema, load of ${files} files, uWSGI`,
    embedded: '—',
    kafka: '—',
    glance: cell(
      results,
      'glance',
      (t) => t.startSeconds,
      (value) => `${value.toFixed(1)} s`,
    ),
    ceiling: '—',
    target: '—',
  });

  for (const route of routes) addRow(...readRow(results, route));
  for (const row of writeRows(results, options)) addRow(...row);
  for (const row of memoryRows(results, options)) addRow(...row);
  return { rows, gaps };
}

function readRow(results, route) {
  const pickRead = (t) => t.reads && t.reads[route.key];
  const rate = (targetId) => {
    const read = results.targets[targetId] && pickRead(results.targets[targetId]);
    return read && read.requestsPerSecond;
  };
  const figure = `GET ${route.path}`;
  const row = {
    figure,
    embedded: cell(results, 'embedded', pickRead, readCell),
    kafka: cell(results, 'kafka', pickRead, readCell),
    glance: cell(results, 'glance', pickRead, readCell),
    ceiling: cell(results, 'ceiling', pickRead, readCell),
    ratioGlance: formatRatio(rate('embedded'), rate('glance')),
    ratioCeilingEmbedded: formatShare(rate('embedded'), rate('ceiling')),
    ratioCeilingKafka: formatShare(rate('kafka'), rate('ceiling')),
    target: `≥ ${TARGETS.readShareOfCeiling * 100}% of the ceiling`,
  };
  const ceiling = rate('ceiling');
  const evaluation = evaluate(results, figure, ['embedded', 'kafka'], {
    measure: (t) => (isNumber(ceiling) && pickRead(t) ? pickRead(t).requestsPerSecond : undefined),
    passes: (value) => value >= TARGETS.readShareOfCeiling * ceiling,
    describe: (value) => ({
      measured: `${formatShare(value, ceiling)} of the ceiling (${formatRate(value)} of ${formatRate(ceiling)} req/s)`,
      target: `≥ ${TARGETS.readShareOfCeiling * 100}%`,
    }),
  });
  return [row, evaluation];
}

function writeRows(results, options) {
  const pairs = (t) => t.pairs;
  const pairFigure = (name) =>
    `Create a property then GET it (${options.pairs} sequential pairs), ${name}`;
  const p99Figure = pairFigure('p99');
  const seenFigure = 'GETs that returned the property just written';
  const writesFigure = `Sustained creates of properties and tags, 2xx per second (-c ${options.writeConnections}, ${options.writeDurationSeconds} s)`;
  const pairRatio = (key) =>
    formatRatio(
      results.targets.embedded &&
        results.targets.embedded.pairs &&
        results.targets.embedded.pairs[key],
      results.targets.glance && results.targets.glance.pairs && results.targets.glance.pairs[key],
    );
  const seenText = (value) =>
    `${value.seen}/${value.total} (${formatShare(value.seen, value.total)})`;
  const writesRate = (targetId) =>
    results.targets[targetId] &&
    results.targets[targetId].writes &&
    results.targets[targetId].writes.writesPerSecond;

  return [
    [
      {
        figure: pairFigure('p50'),
        embedded: cell(results, 'embedded', (t) => pairs(t) && t.pairs.p50Ms, formatMs),
        kafka: cell(results, 'kafka', (t) => pairs(t) && t.pairs.p50Ms, formatMs),
        glance: cell(results, 'glance', (t) => pairs(t) && t.pairs.p50Ms, formatMs),
        ceiling: '—',
        ratioGlance: pairRatio('p50Ms'),
        target: '—',
      },
    ],
    [
      {
        figure: p99Figure,
        embedded: cell(results, 'embedded', (t) => pairs(t) && t.pairs.p99Ms, formatMs),
        kafka: cell(results, 'kafka', (t) => pairs(t) && t.pairs.p99Ms, formatMs),
        glance: cell(results, 'glance', (t) => pairs(t) && t.pairs.p99Ms, formatMs),
        ceiling: '—',
        ratioGlance: pairRatio('p99Ms'),
        target: `< ${TARGETS.pairP99Ms.embedded} ms embedded, < ${TARGETS.pairP99Ms.kafka} ms Kafka+MongoDB`,
      },
      evaluate(results, p99Figure, ['embedded', 'kafka'], {
        measure: (t) => pairs(t) && t.pairs.p99Ms,
        passes: (value, store) => value < TARGETS.pairP99Ms[store],
        describe: (value, store) => ({
          measured: formatMs(value),
          target: `< ${TARGETS.pairP99Ms[store]} ms`,
        }),
      }),
    ],
    [
      {
        figure: seenFigure,
        embedded: cell(results, 'embedded', pairs, seenText),
        kafka: cell(results, 'kafka', pairs, seenText),
        glance: cell(results, 'glance', pairs, seenText),
        ceiling: '—',
        target: '100%',
      },
      evaluate(results, seenFigure, ['embedded', 'kafka'], {
        measure: (t) => pairs(t),
        passes: (value) => value.seen === value.total,
        describe: (value) => ({ measured: seenText(value), target: '100%' }),
      }),
    ],
    [
      {
        figure: writesFigure,
        embedded: cell(results, 'embedded', (t) => t.writes, writesCell),
        kafka: cell(results, 'kafka', (t) => t.writes, writesCell),
        glance: cell(results, 'glance', (t) => t.writes, writesCell),
        ceiling: '—',
        ratioGlance: formatRatio(writesRate('embedded'), writesRate('glance')),
        target: '—',
      },
    ],
  ];
}

function memoryRows(results, options) {
  const count = options.namespaces.toLocaleString('en-US');
  const residentFigure = `Resident memory (VmRSS) of a fresh API with the ${results.files} files loaded and ${count} namespaces created, after ${options.idleSeconds} s idle`;
  const peakFigure = `Resident memory (VmRSS) of that API right after the ${count} creates`;
  const fullSize = options.namespaces >= TARGETS.residentNamespaces;
  const notMeasured = (targetId) => (results.targets[targetId] ? 'not measured' : 'skipped');
  const glanceNote = results.targets.glance ? 'n/a (several uWSGI processes)' : 'skipped';
  const formatMiB = (value) => `${Math.round(value)} MiB`;
  return [
    [
      {
        figure: `Resident memory (VmRSS) of the API after loading ${results.files} files`,
        embedded: cell(results, 'embedded', (t) => t.baselineMiB, formatMiB),
        kafka: cell(results, 'kafka', (t) => t.baselineMiB, formatMiB),
        glance: glanceNote,
        ceiling: '—',
        target: '—',
      },
    ],
    [
      {
        figure: peakFigure,
        embedded: cell(results, 'embedded', (t) => t.memory && t.memory.peakMiB, formatMiB),
        kafka: notMeasured('kafka'),
        glance: glanceNote,
        ceiling: '—',
        target: '—',
      },
    ],
    [
      {
        figure: residentFigure,
        embedded: cell(results, 'embedded', (t) => t.memory && t.memory.residentMiB, formatMiB),
        kafka: notMeasured('kafka'),
        glance: glanceNote,
        ceiling: '—',
        target: fullSize
          ? `< ${TARGETS.residentMiB} MiB (embedded)`
          : `< ${TARGETS.residentMiB} MiB with ${TARGETS.residentNamespaces.toLocaleString('en-US')} namespaces, not checked here`,
      },
      fullSize
        ? evaluate(results, residentFigure, ['embedded'], {
            measure: (t) => t.memory && t.memory.residentMiB,
            passes: (value) => value < TARGETS.residentMiB,
            describe: (value) => ({
              measured: formatMiB(value),
              target: `< ${TARGETS.residentMiB} MiB`,
            }),
          })
        : undefined,
    ],
    [
      {
        figure: `Time to create the ${count} namespaces (${options.namespaceConnections} concurrent requests)`,
        embedded: cell(
          results,
          'embedded',
          (t) => t.memory && t.memory.seconds,
          (value) => `${value.toFixed(1)} s`,
        ),
        kafka: notMeasured('kafka'),
        glance: results.targets.glance ? 'not measured' : 'skipped',
        ceiling: '—',
        target: '—',
      },
    ],
  ];
}

module.exports = { buildRows };
