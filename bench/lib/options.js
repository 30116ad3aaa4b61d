'use strict';

const path = require('node:path');

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

const STORE_NAMES = ['embedded', 'kafka-mongodb'];

const USAGE = `Usage: npm run bench -- [options]

Measures the catalog (embedded, and on Kafka + MongoDB) and reference Glance on this
machine and prints one table. A full run overwrites BENCHMARKS.md.

Options:
  --smoke                  short run that checks every step: about 1 s per route, 20
                           create-then-read pairs, 200 namespaces, no Glance unless
                           --glance; exits 1 on failure and leaves BENCHMARKS.md alone
  --stores LIST            comma-separated stores to measure: embedded (always required),
                           kafka-mongodb (starts Kafka and FerretDB with the service
                           scripts when they are not running). Default: embedded, plus
                           kafka-mongodb when both services already run
  --glance / --no-glance   measure reference Glance or not (default: on, off with --smoke)
  --glance-processes N     uWSGI worker processes of Glance (default 2)
  -c, --connections N      concurrent connections for reads (default 16)
  -d, --duration S         seconds each read route is measured (default 10, smoke 1)
  -w, --warmup S           seconds of discarded load before each route (default 2, smoke 0.5)
  --pairs N                sequential create-then-read pairs (default 500, smoke 20)
  --write-connections N    concurrent connections for sustained writes (default 8)
  --write-duration S       seconds of sustained writes (default 10, smoke 1)
  --namespaces N           namespaces created for the memory figure (default 10000, smoke 200)
  --namespace-connections N
                           concurrent requests while creating them (default 4)
  --idle S                 seconds the resident memory is watched after the creates (default 60,
                           smoke 2); the last reading is reported
  --metadefs-dir DIR       folder of catalog files to load (default $METADEFS_DIR, else
                           ../shared/metadefs beside the repository)
  -h, --help               print this help
`;

/** An invalid command line. The message names the option. */
class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}

function defaultOptions(smoke) {
  return {
    smoke,
    help: false,
    stores: undefined,
    glance: !smoke,
    glanceProcesses: 2,
    connections: 16,
    durationSeconds: smoke ? 1 : 10,
    warmupSeconds: smoke ? 0.5 : 2,
    pairs: smoke ? 20 : 500,
    writeConnections: 8,
    writeDurationSeconds: smoke ? 1 : 10,
    namespaces: smoke ? 200 : 10000,
    namespaceConnections: 4,
    idleSeconds: smoke ? 2 : 60,
    metadefsDir:
      process.env.METADEFS_DIR || path.resolve(REPOSITORY_ROOT, '..', 'shared', 'metadefs'),
    metadefsDirGiven: Boolean(process.env.METADEFS_DIR),
  };
}

const NUMBER_OPTIONS = {
  '--glance-processes': { key: 'glanceProcesses', integer: true, min: 1 },
  '-c': { key: 'connections', integer: true, min: 1 },
  '--connections': { key: 'connections', integer: true, min: 1 },
  '-d': { key: 'durationSeconds', integer: false, min: 0.1 },
  '--duration': { key: 'durationSeconds', integer: false, min: 0.1 },
  '-w': { key: 'warmupSeconds', integer: false, min: 0 },
  '--warmup': { key: 'warmupSeconds', integer: false, min: 0 },
  '--pairs': { key: 'pairs', integer: true, min: 1 },
  '--write-connections': { key: 'writeConnections', integer: true, min: 1 },
  '--write-duration': { key: 'writeDurationSeconds', integer: false, min: 0.1 },
  '--namespaces': { key: 'namespaces', integer: true, min: 1 },
  '--namespace-connections': { key: 'namespaceConnections', integer: true, min: 1 },
  '--idle': { key: 'idleSeconds', integer: false, min: 0 },
};

/**
 * Parses the arguments after the script name. `--smoke` changes the defaults, so explicit
 * options override the smoke values wherever they appear on the line.
 */
function parseOptions(args) {
  const options = defaultOptions(args.includes('--smoke'));
  let glanceFlag;
  for (let index = 0; index < args.length; index += 1) {
    const [name, inlineValue] = splitOption(args[index]);
    const takeValue = () => {
      if (inlineValue !== undefined) return inlineValue;
      index += 1;
      if (index >= args.length) throw new UsageError(`${name} needs a value`);
      return args[index];
    };
    if (name === '--smoke') continue;
    if (name === '-h' || name === '--help') {
      options.help = true;
    } else if (name === '--glance') {
      glanceFlag = true;
    } else if (name === '--no-glance') {
      glanceFlag = false;
    } else if (name === '--stores') {
      options.stores = parseStores(takeValue());
    } else if (name === '--metadefs-dir') {
      options.metadefsDir = path.resolve(takeValue());
      options.metadefsDirGiven = true;
    } else if (NUMBER_OPTIONS[name]) {
      const spec = NUMBER_OPTIONS[name];
      options[spec.key] = parseNumber(name, takeValue(), spec);
    } else {
      throw new UsageError(`Unknown option "${args[index]}"; see --help`);
    }
  }
  if (glanceFlag !== undefined) options.glance = glanceFlag;
  return options;
}

function splitOption(arg) {
  const equals = arg.indexOf('=');
  if (arg.startsWith('--') && equals > 0) return [arg.slice(0, equals), arg.slice(equals + 1)];
  return [arg, undefined];
}

function parseStores(value) {
  const stores = value
    .split(',')
    .map((store) => store.trim())
    .filter((store) => store !== '');
  for (const store of stores) {
    if (!STORE_NAMES.includes(store)) {
      throw new UsageError(
        `Invalid store "${store}" in --stores: expected ${STORE_NAMES.join(' or ')}`,
      );
    }
  }
  if (!stores.includes('embedded')) {
    throw new UsageError(
      `--stores ${value} lacks embedded: the node:http ceiling and the memory figure are ` +
        'measured against the embedded catalog, so it is always required',
    );
  }
  return new Set(stores);
}

function parseNumber(name, text, spec) {
  const value = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(value) && value >= spec.min;
  if (!valid || (spec.integer && !Number.isInteger(value))) {
    const kind = spec.integer ? 'an integer' : 'a number';
    throw new UsageError(`${name} must be ${kind} of at least ${spec.min}, got "${text}"`);
  }
  return value;
}

module.exports = { REPOSITORY_ROOT, USAGE, UsageError, parseOptions };
