import { UsageError, loadMode, parseArguments } from './cli-arguments';

const DEFAULT_PATH = '/etc/glance/metadefs/';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(parseArguments.name, () => {
  describe('when asking for help', () => {
    it.each([[['help']], [['--help']], [['-h']]])('shows help for %p', (args) => {
      expect(parseArguments(args, DEFAULT_PATH)).toEqual({ operation: 'help' });
    });
  });

  describe('when no command is given', () => {
    it('is a usage error', () => {
      expect(() => parseArguments([], DEFAULT_PATH)).toThrow(UsageError);
    });
  });

  describe('when loading with flags', () => {
    const cases = [
      { args: [], mode: 'plain' },
      { args: ['--merge'], mode: 'merge' },
      { args: ['--merge', '--prefer_new'], mode: 'prefer_new' },
      { args: ['--prefer_new', '--merge'], mode: 'prefer_new' },
      { args: ['--merge', '--overwrite'], mode: 'overwrite' },
      { args: ['--merge', '--merge'], mode: 'merge' },
    ];

    it.each(cases)('reads $args as $mode', ({ args, mode }) => {
      expect(parseArguments(['load', ...args], DEFAULT_PATH)).toEqual({
        operation: 'load',
        path: DEFAULT_PATH,
        mode,
      });
    });

    it('reads a separate path', () => {
      expect(parseArguments(['load', '--path', 'files', '--merge'], DEFAULT_PATH)).toEqual({
        operation: 'load',
        path: 'files',
        mode: 'merge',
      });
    });

    it('reads a joined path', () => {
      expect(parseArguments(['load', '--path=one.json'], DEFAULT_PATH)).toEqual({
        operation: 'load',
        path: 'one.json',
        mode: 'plain',
      });
    });

    it('keeps the last path', () => {
      const command = parseArguments(['load', '--path', 'a', '--path=b'], DEFAULT_PATH);

      expect(command).toMatchObject({ path: 'b' });
    });
  });

  describe('when load flags conflict', () => {
    const cases = [
      {
        args: ['--prefer_new'],
        message: '--prefer_new and --overwrite only work together with --merge',
      },
      {
        args: ['--overwrite'],
        message: '--prefer_new and --overwrite only work together with --merge',
      },
      {
        args: ['--prefer_new', '--overwrite'],
        message: '--prefer_new and --overwrite only work together with --merge',
      },
      {
        args: ['--merge', '--prefer_new', '--overwrite'],
        message: '--prefer_new and --overwrite cannot be used together',
      },
    ];

    it.each(cases)('rejects $args', ({ args, message }) => {
      const error = thrown(() => parseArguments(['load', ...args], DEFAULT_PATH));

      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(message);
    });
  });

  describe('when load options are malformed', () => {
    const cases = [
      { args: ['--path'], message: '--path needs a value' },
      { args: ['--force'], message: 'Unknown option "--force"' },
      { args: ['files'], message: 'Unknown option "files"' },
    ];

    it.each(cases)('rejects $args', ({ args, message }) => {
      const error = thrown(() => parseArguments(['load', ...args], DEFAULT_PATH));

      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(message);
    });
  });

  describe('when using the legacy load form', () => {
    const cases = [
      { args: [], path: DEFAULT_PATH, mode: 'plain' },
      { args: ['dir'], path: 'dir', mode: 'plain' },
      { args: ['dir', 'true'], path: 'dir', mode: 'merge' },
      { args: ['dir', 'False'], path: 'dir', mode: 'plain' },
      { args: ['dir', 'yes', 'on'], path: 'dir', mode: 'prefer_new' },
      { args: ['dir', '1', 'no', 'T'], path: 'dir', mode: 'overwrite' },
      { args: ['dir', 'y', '0', 'f'], path: 'dir', mode: 'merge' },
    ];

    it.each(cases)('reads $args as $mode', ({ args, path, mode }) => {
      expect(parseArguments(['db_load_metadefs', ...args], DEFAULT_PATH)).toEqual({
        operation: 'load',
        path,
        mode,
      });
    });

    it('rejects a word that is no boolean', () => {
      const error = thrown(() =>
        parseArguments(['db_load_metadefs', 'dir', 'maybe'], DEFAULT_PATH),
      );

      expect((error as Error).message).toBe('MERGE must be true or false, got "maybe"');
    });

    it('rejects prefer_new without merge', () => {
      const error = thrown(() =>
        parseArguments(['db_load_metadefs', 'dir', 'false', 'true'], DEFAULT_PATH),
      );

      expect(error).toBeInstanceOf(UsageError);
    });

    it('rejects a fifth argument', () => {
      const error = thrown(() =>
        parseArguments(['db_load_metadefs', 'dir', 'true', 'true', 'false', 'x'], DEFAULT_PATH),
      );

      expect((error as Error).message).toBe('db_load_metadefs takes at most 4 arguments, got 5');
    });
  });

  describe('when unloading', () => {
    it.each(['unload', 'db_unload_metadefs'])('reads %s', (command) => {
      expect(parseArguments([command], DEFAULT_PATH)).toEqual({ operation: 'unload' });
    });

    it('rejects arguments', () => {
      const error = thrown(() => parseArguments(['unload', '--path', 'x'], DEFAULT_PATH));

      expect((error as Error).message).toBe('unload takes no arguments, got: --path x');
    });
  });

  describe('when exporting', () => {
    it('uses the default path', () => {
      expect(parseArguments(['export'], DEFAULT_PATH)).toEqual({
        operation: 'export',
        path: DEFAULT_PATH,
      });
    });

    it('reads the path option', () => {
      expect(parseArguments(['export', '--path', 'out'], DEFAULT_PATH)).toEqual({
        operation: 'export',
        path: 'out',
      });
    });

    it('rejects load flags', () => {
      const error = thrown(() => parseArguments(['export', '--merge'], DEFAULT_PATH));

      expect(error).toBeInstanceOf(UsageError);
    });

    it('reads the legacy form', () => {
      expect(parseArguments(['db_export_metadefs', 'out'], DEFAULT_PATH)).toEqual({
        operation: 'export',
        path: 'out',
      });
    });

    it('defaults the legacy path', () => {
      expect(parseArguments(['db_export_metadefs'], DEFAULT_PATH)).toEqual({
        operation: 'export',
        path: DEFAULT_PATH,
      });
    });
  });

  describe('when the command is unknown', () => {
    it('names it', () => {
      const error = thrown(() => parseArguments(['db_sync'], DEFAULT_PATH));

      expect((error as Error).message).toBe('Unknown command "db_sync"');
    });
  });
});

describe(loadMode.name, () => {
  describe('when combining flags', () => {
    const cases = [
      { merge: false, preferNew: false, overwrite: false, mode: 'plain' },
      { merge: true, preferNew: false, overwrite: false, mode: 'merge' },
      { merge: true, preferNew: true, overwrite: false, mode: 'prefer_new' },
      { merge: true, preferNew: false, overwrite: true, mode: 'overwrite' },
    ];

    it.each(cases)('gives $mode', ({ merge, preferNew, overwrite, mode }) => {
      expect(loadMode(merge, preferNew, overwrite)).toBe(mode);
    });

    it.each([
      [false, true, false],
      [false, false, true],
      [false, true, true],
      [true, true, true],
    ])('rejects merge=%p prefer_new=%p overwrite=%p', (merge, preferNew, overwrite) => {
      expect(() => loadMode(merge, preferNew, overwrite)).toThrow(UsageError);
    });
  });
});
