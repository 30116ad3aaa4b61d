'use strict';

// Measures the write path with EVENT_LOG=kafka and READ_MODEL=mongodb: the latency of a
// namespace create followed by a read of it, and the sustained rate of creates. It starts
// one API and one projector from dist/ on a fresh topic and database, against the Kafka and
// FerretDB (or MongoDB) that scripts/services started, prints the figures, and removes the
// topic and the database. It is a measurement, not a test: it asserts nothing about time.
//
// Usage: node bench/kafka-mongo-write-latency.js [--pairs N] [--seconds S] [--connections C]
// Environment: KAFKA_BROKERS (default 127.0.0.1:9092), MONGODB_URL (default
// mongodb://127.0.0.1:27017).

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const kafkaBrokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const mongoUrl = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:27017';
const HEADERS = {
  'X-Identity-Status': 'Confirmed',
  'X-Roles': 'admin,member,reader',
  'X-Tenant-Id': 'bench',
  'X-User-Id': 'bench',
  Accept: 'application/json',
};

function parseArguments(args) {
  const options = { pairs: 300, seconds: 10, connections: 8 };
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index].replace(/^--/, '');
    const value = Number(args[index + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 1) {
      throw new Error(
        `Invalid argument ${args[index]} ${args[index + 1] ?? ''}; usage: --pairs N --seconds S --connections C`,
      );
    }
    options[name] = value;
  }
  return options;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Sends one request and resolves with its status once the body has arrived. */
function request(port, method, requestPath, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { ...HEADERS };
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: '127.0.0.1', port, method, path: requestPath, headers, agent },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve(incoming.statusCode));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function spawnApp(name, entryPoint, env, logDir) {
  const logPath = path.join(logDir, `${name}.log`);
  const log = fs.openSync(logPath, 'a');
  const child = spawn(process.execPath, [path.join(root, entryPoint)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  return { child, logPath };
}

async function waitFor(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

/** Creates a namespace and reads it back, `pairs` times in a row. */
async function measurePairs(port, pairs, prefix) {
  const creates = [];
  const reads = [];
  const totals = [];
  for (let index = 0; index < pairs; index += 1) {
    const name = `${prefix}-${index}`;
    const started = process.hrtime.bigint();
    const created = await request(port, 'POST', '/v2/metadefs/namespaces', {
      namespace: name,
      visibility: 'public',
    });
    const between = process.hrtime.bigint();
    const read = await request(port, 'GET', `/v2/metadefs/namespaces/${encodeURIComponent(name)}`);
    const ended = process.hrtime.bigint();
    if (created !== 201 || read !== 200)
      throw new Error(`create-then-read of ${name} returned ${created} then ${read}`);
    creates.push(Number(between - started) / 1e6);
    reads.push(Number(ended - between) / 1e6);
    totals.push(Number(ended - started) / 1e6);
  }
  return { creates, reads, totals };
}

/** Creates namespaces from `connections` concurrent clients for `seconds`. */
async function measureSustained(port, seconds, connections) {
  const latencies = [];
  const failures = {};
  const deadline = Date.now() + seconds * 1000;
  let next = 0;
  const started = Date.now();
  const client = async () => {
    while (Date.now() < deadline) {
      const name = `bench-load-${next++}`;
      const before = process.hrtime.bigint();
      const status = await request(port, 'POST', '/v2/metadefs/namespaces', {
        namespace: name,
        visibility: 'public',
      });
      if (status === 201) latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
      else failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const elapsedSeconds = (Date.now() - started) / 1000;
  return { latencies, failures, rate: latencies.length / elapsedSeconds, elapsedSeconds };
}

async function removeTopicAndDatabase(topic, database) {
  const { Kafka, logLevel } = require('kafkajs');
  const { MongoClient } = require('mongodb');
  const admin = new Kafka({
    clientId: 'bench',
    brokers: kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] });
  } catch (error) {
    console.error(`Deleting the topic ${topic} failed: ${error.message}`);
  } finally {
    await admin.disconnect();
  }
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    await client.db(database).dropDatabase();
  } catch (error) {
    console.error(`Dropping the database ${database} failed: ${error.message}`);
  } finally {
    await client.close();
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  for (const entryPoint of ['dist/apps/api/src/main.js', 'dist/apps/projector/src/main.js']) {
    if (!fs.existsSync(path.join(root, entryPoint)))
      throw new Error(`${entryPoint} is missing: run 'npm run build' first`);
  }
  const suffix = Date.now().toString(36);
  const topic = `bench.write_latency_${suffix}`;
  const database = `bench_write_latency_${suffix}`;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-write-latency-'));
  const port = await freePort();
  const env = {
    EVENT_LOG: 'kafka',
    READ_MODEL: 'mongodb',
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC: topic,
    MONGODB_URL: mongoUrl,
    MONGODB_DATABASE: database,
    AUTH_STRATEGY: 'trusted-headers',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_FORMAT: 'json',
  };
  const apps = [];
  try {
    apps.push(spawnApp('api', 'dist/apps/api/src/main.js', env, logDir));
    await waitFor('the API', 60000, () =>
      request(port, 'GET', '/versions').then(
        () => true,
        () => false,
      ),
    );
    const projector = spawnApp('projector', 'dist/apps/projector/src/main.js', env, logDir);
    apps.push(projector);
    await waitFor('the projector', 60000, () =>
      fs.readFileSync(projector.logPath, 'utf8').includes('caught up'),
    );

    // A few writes first, so that connections, the consumer fetch loops and the
    // checkpoint polling are warm.
    await measurePairs(port, 20, 'bench-warm-up');
    const pairs = await measurePairs(port, options.pairs, 'bench-pair');
    const sustained = await measureSustained(port, options.seconds, options.connections);

    console.log(`Kafka+MongoDB write path, ${new Date().toISOString()}`);
    console.log(
      `  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, load average ${os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `  Node.js ${process.version}; Kafka at ${kafkaBrokers}; MongoDB protocol at ${mongoUrl}; one API, one projector, this client, all on 127.0.0.1`,
    );
    console.log(`create-then-read, ${options.pairs} sequential pairs (after 20 warm-up pairs):`);
    console.log(`  create (POST until 201): ${summarize(pairs.creates)}`);
    console.log(`  read (GET until 200):    ${summarize(pairs.reads)}`);
    console.log(`  create + read:           ${summarize(pairs.totals)}`);
    console.log(`sustained creates, ${options.connections} connections for ${options.seconds} s:`);
    console.log(
      `  ${sustained.latencies.length} created in ${sustained.elapsedSeconds.toFixed(1)} s: ${sustained.rate.toFixed(1)} writes/s`,
    );
    if (sustained.latencies.length > 0)
      console.log(`  create latency: ${summarize(sustained.latencies)}`);
    if (Object.keys(sustained.failures).length > 0)
      console.log(`  other statuses: ${JSON.stringify(sustained.failures)}`);
    console.log(`  logs: ${logDir}`);
  } finally {
    agent.destroy();
    for (const app of apps) app.child.kill('SIGTERM');
    await Promise.all(
      apps.map(
        (app) =>
          new Promise((resolve) =>
            app.child.exitCode !== null ? resolve() : app.child.once('exit', resolve),
          ),
      ),
    );
    await removeTopicAndDatabase(topic, database);
  }
}

main().catch((error) => {
  console.error(`The benchmark failed: ${error.message}`);
  process.exitCode = 1;
});
