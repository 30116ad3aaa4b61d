'use strict';

const autocannon = require('autocannon');
const { setTimeout: sleep } = require('node:timers/promises');
const { HttpClient, IDENTITY_HEADERS } = require('./http-client');
const { readResidentMemoryMiB } = require('./processes');

/**
 * Runs autocannon against one GET route: `warmupSeconds` of discarded load, then
 * `durationSeconds` measured. Requests per second is autocannon's mean of its one-second
 * samples, and p99 is the 99th percentile latency in milliseconds.
 */
async function measureRead(server, path, { connections, durationSeconds, warmupSeconds }) {
  const url = `http://127.0.0.1:${server.port}${path}`;
  const base = { url, connections, headers: IDENTITY_HEADERS };
  if (warmupSeconds > 0) {
    await autocannon({ ...base, duration: warmupSeconds });
    // A server that queues requests (Glance) still works through the warm-up's last requests.
    // One more request waits behind them, so the measured run starts on an empty queue.
    await fetchRoute(server, path);
  }
  const result = await autocannon({ ...base, duration: durationSeconds });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * Returns one response of GET `path`, to check the route before loading it and to size the
 * node:http ceiling's body. Rejects unless the status is 200.
 */
async function fetchRoute(server, path) {
  const client = new HttpClient(server);
  try {
    const response = await client.request('GET', path);
    if (response.status !== 200) {
      const text = response.body.toString('utf8').slice(0, 300);
      throw new Error(`GET ${path} returned ${response.status}: ${text}`);
    }
    return response.body;
  } finally {
    client.close();
  }
}

/** Creates a namespace for write tests, with the server's default visibility. */
async function createNamespace(client, name) {
  await client.requestJson('POST', '/v2/metadefs/namespaces', {
    namespace: name,
    display_name: name,
    description: 'Created by the benchmark (bench/run.js)',
  });
}

/**
 * Sends `pairs` sequential pairs of POST property then GET of that property in `namespace`.
 * Returns p50 and p99 of the pair's latency in milliseconds, and how many GETs returned the
 * property just written. Rejects on the first POST that does not return 201.
 */
async function measureCreateThenRead(server, namespace, pairs, prefix) {
  const client = new HttpClient(server);
  const base = `/v2/metadefs/namespaces/${encodeURIComponent(namespace)}/properties`;
  const latencies = [];
  let seen = 0;
  try {
    for (let index = 0; index < pairs; index += 1) {
      const name = `${prefix}_pair_${index}`;
      const started = performance.now();
      const created = await client.request('POST', base, propertyBody(name));
      if (created.status !== 201) {
        const text = created.body.toString('utf8').slice(0, 300);
        throw new Error(`POST ${base} (pair ${index}) returned ${created.status}: ${text}`);
      }
      const read = await client.request('GET', `${base}/${name}`);
      latencies.push(performance.now() - started);
      if (read.status === 200 && JSON.parse(read.body.toString('utf8')).name === name) seen += 1;
    }
  } finally {
    client.close();
  }
  latencies.sort((a, b) => a - b);
  return {
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    seen,
    total: pairs,
  };
}

function propertyBody(name) {
  return { name, title: name, type: 'string', description: 'Created by the benchmark' };
}

/** Returns the nearest-rank percentile of sorted values. */
function percentile(sorted, percent) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Creates distinct properties and tags in `namespace`, alternating, from `connections`
 * concurrent connections for `durationSeconds`. Returns 2xx responses per second, the counts
 * of 2xx, non-2xx and connection errors, the status codes seen, and the first body of each
 * non-2xx status.
 */
async function measureSustainedWrites(server, namespace, prefix, { connections, durationSeconds }) {
  const encoded = encodeURIComponent(namespace);
  let counter = 0;
  const setupRequest = (request) => {
    counter += 1;
    const name = `${prefix}_w_${counter}`;
    if (counter % 2 === 0) {
      request.path = `/v2/metadefs/namespaces/${encoded}/tags/${name}`;
      request.body = undefined;
      request.headers = { ...IDENTITY_HEADERS };
    } else {
      request.path = `/v2/metadefs/namespaces/${encoded}/properties`;
      request.body = JSON.stringify(propertyBody(name));
      request.headers = { ...IDENTITY_HEADERS, 'Content-Type': 'application/json' };
    }
    return request;
  };
  // The first body of each non-2xx status, to tell rejections apart in the report.
  const sampleBodies = {};
  const onResponse = (status, body) => {
    if ((status < 200 || status > 299) && sampleBodies[status] === undefined) {
      sampleBodies[status] = String(body).replace(/\s+/g, ' ').slice(0, 200);
    }
  };
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration: durationSeconds,
    requests: [{ method: 'POST', setupRequest, onResponse }],
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]),
  );
  return {
    writesPerSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
    sampleBodies,
  };
}

/**
 * Creates `count` small namespaces with `connections` requests in flight, then reads the
 * resident memory of process `pid` right away (`peakMiB`) and once a second for `idleSeconds`;
 * `residentMiB` is the last reading, once V8 has given back the pages the creates used.
 * Rejects when any create fails.
 */
async function measureMemoryWithNamespaces(
  server,
  pid,
  { count, connections, idleSeconds, prefix },
) {
  const client = new HttpClient(server, connections);
  let next = 0;
  let created = 0;
  let failure;
  const started = performance.now();
  // Each worker stops at the first failure of any worker, so no create is sent after it.
  const worker = async () => {
    while (next < count && !failure) {
      const index = next;
      next += 1;
      try {
        await createNamespace(client, `${prefix}::Namespace${String(index).padStart(6, '0')}`);
        created += 1;
      } catch (error) {
        failure ??= error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, worker));
  } finally {
    client.close();
  }
  if (failure) {
    throw new Error(`creating namespaces failed after ${created} of ${count}: ${failure.message}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const peakMiB = readResidentMemoryMiB(pid);
  let residentMiB = peakMiB;
  for (let waited = 0; waited < idleSeconds; waited += 1) {
    await sleep(1000);
    residentMiB = readResidentMemoryMiB(pid);
  }
  return { count, seconds, peakMiB, residentMiB };
}

module.exports = {
  createNamespace,
  fetchRoute,
  measureCreateThenRead,
  measureMemoryWithNamespaces,
  measureRead,
  measureSustainedWrites,
};
