/**
 * Keeps docker-compose.yml and the Dockerfile consistent with the code, since no Docker engine
 * runs them here: images, published ports, environment keys and values, start order, and the
 * broker settings the test broker uses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CatalogConfig, loadConfig } from '@metadefs/config';

const root = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const defaults = new CatalogConfig();
const configKeys = new Set([
  ...Object.keys(defaults),
  'POLICY_FILE',
  'KEYSTONE_URL',
  'KEYSTONE_USERNAME',
  'KEYSTONE_PASSWORD',
]);

/** Reads the test broker's properties, keyed by property name. */
function templateProperties(): Record<string, string> {
  const text = fs.readFileSync(
    path.join(root, 'scripts/services/kafka/server.properties.template'),
    'utf8',
  );
  const properties: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z0-9.]+)=(.*)$/.exec(line.trim());
    if (match) properties[match[1]] = match[2];
  }
  return properties;
}

/** Names the apache/kafka image's environment variable for a broker property. */
function kafkaVariable(property: string): string {
  return `KAFKA_${property.toUpperCase().replace(/\./g, '_')}`;
}

function environmentOf(service: string): Record<string, string> {
  return compose.services[service].environment;
}

describe('docker-compose.yml', () => {
  const services = compose.services;

  it('runs the four services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'kafka', 'mongodb', 'projector']);
  });

  it('uses the official images', () => {
    expect(services.kafka.image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
    expect(services.mongodb.image).toMatch(/^mongo:\d+(\.\d+)*$/);
    expect(services.api.build).toBe('.');
    expect(services.projector.build).toBe('.');
    expect(services.projector.image).toBe(services.api.image);
  });

  it('runs the Kafka version of the test broker', () => {
    const script = fs.readFileSync(path.join(root, 'scripts/services/kafka.sh'), 'utf8');
    const version = /KAFKA_VERSION="\$\{KAFKA_VERSION:-([0-9.]+)\}"/.exec(script)?.[1];

    expect(version).toBeDefined();
    expect(services.kafka.image).toBe(`apache/kafka:${version}`);
  });

  it('binds published ports to 127.0.0.1', () => {
    for (const [name, service] of Object.entries<any>(services)) {
      for (const port of service.ports ?? []) {
        expect({ service: name, port }).toEqual({
          service: name,
          port: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/),
        });
      }
    }
  });

  it('sets only known configuration keys', () => {
    for (const service of ['api', 'projector']) {
      const unknown = Object.keys(environmentOf(service)).filter((key) => !configKeys.has(key));
      expect({ service, unknown }).toEqual({ service, unknown: [] });
    }
  });

  it('passes configuration validation', () => {
    for (const service of ['api', 'projector']) {
      const config = loadConfig(environmentOf(service));
      expect(config.EVENT_LOG).toBe('kafka');
      expect(config.READ_MODEL).toBe('mongodb');
    }
    expect(environmentOf('api').AUTH_STRATEGY).toBe('trusted-headers');
  });

  it('uses the default topic, database and group', () => {
    for (const service of ['api', 'projector']) {
      const environment = environmentOf(service);
      expect(environment.KAFKA_TOPIC).toBe(defaults.KAFKA_TOPIC);
      expect(environment.MONGODB_DATABASE).toBe(defaults.MONGODB_DATABASE);
    }
    expect(environmentOf('projector').KAFKA_PROJECTOR_GROUP).toBe(defaults.KAFKA_PROJECTOR_GROUP);
  });

  it('points the apps at the compose services', () => {
    const kafkaListener = /PLAINTEXT:\/\/kafka:(\d+)/.exec(
      environmentOf('kafka').KAFKA_ADVERTISED_LISTENERS,
    )?.[1];
    for (const service of ['api', 'projector']) {
      const environment = environmentOf(service);
      expect(environment.KAFKA_BROKERS).toBe(`kafka:${kafkaListener}`);
      expect(environment.MONGODB_URL).toBe('mongodb://mongodb:27017');
    }
  });

  it('publishes the port the API listens on', () => {
    const port = environmentOf('api').PORT;

    expect(services.api.ports).toContain(`127.0.0.1:${port}:${port}`);
    expect(environmentOf('api').HOST).toBe('0.0.0.0');
  });

  it('starts services in dependency order', () => {
    const healthy = { condition: 'service_healthy' };
    expect(services.api.depends_on).toEqual({ kafka: healthy, mongodb: healthy });
    expect(services.projector.depends_on).toEqual({
      kafka: healthy,
      mongodb: healthy,
      api: healthy,
    });
    for (const name of ['kafka', 'mongodb', 'api']) {
      expect({ service: name, test: services[name].healthcheck?.test }).toEqual({
        service: name,
        test: expect.any(Array),
      });
    }
  });

  it('copies the test broker settings', () => {
    const properties = templateProperties();
    const environment = environmentOf('kafka');
    const shared = [
      'auto.create.topics.enable',
      'num.partitions',
      'min.insync.replicas',
      'offsets.topic.replication.factor',
      'message.max.bytes',
      'replica.fetch.max.bytes',
      'group.initial.rebalance.delay.ms',
    ];
    for (const property of shared) {
      expect({ property, value: environment[kafkaVariable(property)] }).toEqual({
        property,
        value: properties[property],
      });
    }
  });

  it('runs the entry points the build produces', () => {
    const projectorScript = packageJson.scripts['start:projector'] as string;

    expect(services.api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(`${services.projector.command.join(' ')}`).toBe(projectorScript);
  });
});

describe('Dockerfile', () => {
  const stages = dockerfile.split('\n').filter((line) => line.startsWith('FROM '));
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('builds in a separate stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toContain('RUN npm ci');
    expect(dockerfile).toContain('npm run build');
  });

  it('runs as a non-root user', () => {
    const user = /^USER (\S+)$/m.exec(finalStage)?.[1];

    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('starts the API by default', () => {
    expect(finalStage).toContain('CMD ["node", "dist/apps/api/src/main.js"]');
  });

  it('uses a Node version the package accepts', () => {
    const nodeMajor = Number(/FROM node:(\d+)/.exec(stages[stages.length - 1])?.[1]);
    const minimum = Number(/>=(\d+)/.exec(packageJson.engines.node)?.[1]);

    expect(nodeMajor).toBeGreaterThanOrEqual(minimum);
  });
});
