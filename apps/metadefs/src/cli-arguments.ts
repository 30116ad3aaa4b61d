import { LoadMode } from '@metadefs/catalog';

/** A parsed command line of the `metadefs` tool. */
export type CliCommand =
  | { readonly operation: 'load'; readonly path: string; readonly mode: LoadMode }
  | { readonly operation: 'unload' }
  | { readonly operation: 'export'; readonly path: string }
  | { readonly operation: 'help' };

/** The command line is wrong; the message says how. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: metadefs <command> [options]

Commands:
  load [--path PATH] [--merge] [--prefer_new] [--overwrite]
      Load catalog files: every *.json file directly in the directory PATH, or the file PATH.
      Without flags, namespaces that already exist are skipped. --merge adds their missing
      children; --merge --prefer_new also overwrites existing values from the files;
      --merge --overwrite deletes each existing namespace and loads it afresh.
  unload
      Delete every namespace and resource type in the catalog.
  export [--path PATH]
      Write one JSON file per namespace into the existing directory PATH.

PATH defaults to METADATA_SOURCE_PATH, or /etc/glance/metadefs/ when that is unset.
Glance's spellings work too: db_load_metadefs [PATH [MERGE [PREFER_NEW [OVERWRITE]]]],
db_unload_metadefs, db_export_metadefs [PATH], with true/false values for the flags.
`;

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  yes: true,
  on: true,
  '1': true,
  t: true,
  y: true,
  false: false,
  no: false,
  off: false,
  '0': false,
  f: false,
  n: false,
};

/** Parses the arguments after the program name. */
export function parseArguments(args: readonly string[], defaultPath: string): CliCommand {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
      throw new UsageError('A command is required');
    case 'help':
    case '--help':
    case '-h':
      return { operation: 'help' };
    case 'load':
      return parseLoad(rest, defaultPath);
    case 'db_load_metadefs':
      return parseLegacyLoad(rest, defaultPath);
    case 'unload':
    case 'db_unload_metadefs':
      if (rest.length > 0)
        throw new UsageError(`unload takes no arguments, got: ${rest.join(' ')}`);
      return { operation: 'unload' };
    case 'export':
      return { operation: 'export', path: parseOptions(rest, []).path ?? defaultPath };
    case 'db_export_metadefs':
      return { operation: 'export', path: rest[0] ?? defaultPath };
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

function parseLoad(args: readonly string[], defaultPath: string): CliCommand {
  const options = parseOptions(args, ['--merge', '--prefer_new', '--overwrite']);
  return {
    operation: 'load',
    path: options.path ?? defaultPath,
    mode: loadMode(
      options.flags.has('--merge'),
      options.flags.has('--prefer_new'),
      options.flags.has('--overwrite'),
    ),
  };
}

function parseLegacyLoad(args: readonly string[], defaultPath: string): CliCommand {
  if (args.length > 4)
    throw new UsageError(`db_load_metadefs takes at most 4 arguments, got ${args.length}`);
  const [path, merge, preferNew, overwrite] = args;
  return {
    operation: 'load',
    path: path ?? defaultPath,
    mode: loadMode(
      flag(merge, 'MERGE'),
      flag(preferNew, 'PREFER_NEW'),
      flag(overwrite, 'OVERWRITE'),
    ),
  };
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  const parsed = BOOLEAN_WORDS[value.toLowerCase()];
  if (parsed === undefined) throw new UsageError(`${name} must be true or false, got "${value}"`);
  return parsed;
}

/** The load mode a flag combination selects; `--prefer_new` and `--overwrite` need `--merge`. */
export function loadMode(merge: boolean, preferNew: boolean, overwrite: boolean): LoadMode {
  if ((preferNew || overwrite) && !merge) {
    throw new UsageError('--prefer_new and --overwrite only work together with --merge');
  }
  if (preferNew && overwrite) {
    throw new UsageError('--prefer_new and --overwrite cannot be used together');
  }
  if (overwrite) return 'overwrite';
  if (preferNew) return 'prefer_new';
  return merge ? 'merge' : 'plain';
}

function parseOptions(args: readonly string[], allowedFlags: readonly string[]) {
  const flags = new Set<string>();
  let path: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--path') {
      path = args[index + 1];
      if (path === undefined) throw new UsageError('--path needs a value');
      index += 1;
    } else if (arg.startsWith('--path=')) {
      path = arg.slice('--path='.length);
    } else if (allowedFlags.includes(arg)) {
      flags.add(arg);
    } else {
      throw new UsageError(`Unknown option "${arg}"`);
    }
  }
  return { path, flags };
}
