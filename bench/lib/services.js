'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { REPOSITORY_ROOT } = require('./options');
const { runCommand } = require('./processes');

const SERVICES_SCRIPT_DIR = path.join(REPOSITORY_ROOT, 'scripts/services');
const SERVICES_DIR = process.env.SERVICES_DIR || path.join(REPOSITORY_ROOT, '.services');
const EXTERNAL_SERVICES = ['kafka', 'ferretdb'];

function serviceScript(service) {
  return path.join(SERVICES_SCRIPT_DIR, `${service}.sh`);
}

/** Runs `scripts/services/<service>.sh status` and returns its exit code and output line. */
async function serviceStatus(service) {
  const result = await runCommand('bash', [serviceScript(service), 'status'], {
    cwd: REPOSITORY_ROOT,
  });
  return { running: result.code === 0, code: result.code, line: result.stdout.trim() };
}

/**
 * Decides whether the Kafka + MongoDB stores are measured, and starts Kafka and FerretDB when
 * `--stores` requests them. Without `--stores`, they are measured only when both already run.
 * Registers a stop for each service this run starts, so services that ran before keep running.
 * Returns `{ include: true }` or `{ include: false, reason }`.
 */
async function prepareExternalStores(options, cleanup) {
  const statuses = {};
  for (const service of EXTERNAL_SERVICES) statuses[service] = await serviceStatus(service);

  if (options.stores === undefined) {
    const missing = EXTERNAL_SERVICES.filter((service) => !statuses[service].running);
    if (missing.length === 0) return { include: true };
    const details = missing.map((service) => statuses[service].line || `${service}: not running`);
    return {
      include: false,
      reason: `${details.join('; ')} (start them or pass --stores embedded,kafka-mongodb)`,
    };
  }
  if (!options.stores.has('kafka-mongodb')) {
    return { include: false, reason: 'not requested by --stores' };
  }

  for (const service of EXTERNAL_SERVICES) {
    if (statuses[service].running) continue;
    const script = serviceScript(service);
    cleanup.add(`stop ${service}`, async () => {
      const stopped = await runCommand('bash', [script, 'stop'], { cwd: REPOSITORY_ROOT });
      if (stopped.code !== 0) throw new Error(`${script} stop exited with ${stopped.code}`);
    });
    console.error(`bench: starting ${service} with ${script} start`);
    const started = await runCommand('bash', [script, 'start'], {
      cwd: REPOSITORY_ROOT,
      echo: true,
    });
    if (started.code !== 0) {
      throw new Error(`${script} start failed with exit status ${started.code}`);
    }
  }
  return { include: true };
}

/**
 * Registers the removal of the benchmark's Kafka topic and MongoDB database, so a shared Kafka
 * and FerretDB do not collect one topic and one database per run.
 */
function registerStoreRemoval(cleanup, { brokers, topic, mongodbUrl, database }) {
  cleanup.add(`delete Kafka topic ${topic}`, async () => {
    const { Kafka, logLevel } = require('kafkajs');
    const admin = new Kafka({
      clientId: 'metadefs-bench',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      if (topics.includes(topic)) await admin.deleteTopics({ topics: [topic] });
    } finally {
      await admin.disconnect();
    }
  });
  cleanup.add(`drop MongoDB database ${database}`, async () => {
    const { MongoClient } = require('mongodb');
    const client = new MongoClient(mongodbUrl, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    try {
      await client.db(database).dropDatabase();
    } finally {
      await client.close();
    }
  });
}

/** Returns the Kafka and FerretDB versions that the service scripts installed, where found. */
async function externalStoreVersions() {
  const versions = {};
  const kafkaLib = path.join(SERVICES_DIR, 'kafka', 'lib');
  if (fs.existsSync(kafkaLib)) {
    const found = fs
      .readdirSync(kafkaLib)
      .filter((name) => name.startsWith('kafka-'))
      .map((name) => name.slice('kafka-'.length));
    if (found.length > 0) versions.kafka = found.join(', ');
  }
  const ferretdb = path.join(SERVICES_DIR, 'ferretdb', 'bin', 'ferretdb');
  if (fs.existsSync(ferretdb)) {
    const result = await runCommand(ferretdb, ['--version']).catch(() => undefined);
    const match = result && /^version:\s*(\S+)/m.exec(result.stdout);
    if (match) versions.ferretdb = match[1];
  }
  return versions;
}

module.exports = {
  EXTERNAL_SERVICES,
  externalStoreVersions,
  prepareExternalStores,
  registerStoreRemoval,
  serviceScript,
};
