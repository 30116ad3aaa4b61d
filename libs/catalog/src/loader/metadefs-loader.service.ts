import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RequestContext } from '../shared/application/request-context';
import { CatalogError, CatalogMessage } from '../shared/domain/catalog-error';
import { decodeUtf8 } from '../shared/domain/utf8';
import { WriteModel } from '../write-model/write-model.service';
import { CatalogFileError, readCatalogFile } from './catalog-file';
import { exportCatalog } from './catalog-export';
import { LoadNamespaceFileCommand, UnloadMetadefsCommand } from './commands';
import { LoadMode, LoadOutcome } from './load.decisions';

/** The result of loading one file. */
export interface FileReport {
  readonly file: string;
  readonly namespace?: string;
  readonly outcome: LoadOutcome | 'failed';
  readonly error?: string;
  /** The catalog's message for a file it rejected, for tools that translate messages. */
  readonly message?: CatalogMessage;
}

/** The selected path cannot be loaded at all. */
export class LoadPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadPathError';
  }
}

/**
 * The catalog's `glance-manage` operations: load a directory or file of catalog files, unload
 * everything, export everything. Loads and unloads go through the command bus, so they append
 * ordinary events and every process following the log sees them.
 */
@Injectable()
export class MetadefsLoader {
  private readonly logger = new Logger(MetadefsLoader.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly writeModel: WriteModel,
  ) {}

  /**
   * Loads every `*.json` file directly inside `path` in file name order, or the one file
   * `path` names. A file that cannot be read or parsed is reported and skipped.
   */
  async load(path: string, mode: LoadMode): Promise<FileReport[]> {
    const files = await this.selectFiles(resolve(path));
    const context = this.loaderContext('load');
    const reports: FileReport[] = [];
    for (const file of files) {
      reports.push(await this.loadFile(file, mode, context));
    }
    return reports;
  }

  /** Deletes every namespace and resource type, one batch per commit; returns the counts. */
  async unload(): Promise<{ namespaces: number; resourceTypes: number }> {
    const context = this.loaderContext('unload');
    let namespaces = 0;
    let resourceTypes = 0;
    for (;;) {
      const batch = await this.commands.execute(new UnloadMetadefsCommand(context));
      namespaces += batch.namespaces;
      resourceTypes += batch.resourceTypes;
      if (batch.remaining === 0 || batch.namespaces + batch.resourceTypes === 0) break;
    }
    return { namespaces, resourceTypes };
  }

  /** Writes one file per namespace into the existing directory `path`; returns the file names. */
  async export(path: string): Promise<string[]> {
    const directory = resolve(path);
    const info = await stat(directory).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new LoadPathError(`${directory} is not an existing directory`);
    }
    const files = exportCatalog(this.writeModel.state);
    for (const file of files) {
      await writeFile(join(directory, file.fileName), JSON.stringify(file.content, null, 2) + '\n');
    }
    return files.map((file) => file.fileName);
  }

  private async loadFile(
    path: string,
    mode: LoadMode,
    context: RequestContext,
  ): Promise<FileReport> {
    let namespace: string | undefined;
    try {
      const content: unknown = JSON.parse(decodeFile(await readFile(path)));
      const file = readCatalogFile(content);
      namespace = file.namespace;
      const outcome = await this.commands.execute(
        new LoadNamespaceFileCommand(context, file, mode),
      );
      return { file: path, namespace, outcome };
    } catch (error) {
      const reason = skipReason(error);
      if (reason === undefined) throw error;
      this.logger.error('Skipped a catalog file', { file: path, error: reason });
      const message = error instanceof CatalogError ? error.detail : undefined;
      return { file: path, namespace, outcome: 'failed', error: reason, message };
    }
  }

  private async selectFiles(path: string): Promise<string[]> {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new LoadPathError(`${path} does not exist or cannot be read`);
    if (info.isFile()) return [path];

    const names = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
    const files: string[] = [];
    // stat follows symbolic links, so a link to a catalog file loads like the file itself.
    for (const name of names) {
      const entry = await stat(join(path, name)).catch(() => undefined);
      if (entry?.isFile()) files.push(join(path, name));
    }
    if (files.length === 0) throw new LoadPathError(`${path} holds no .json files`);
    return files;
  }

  private loaderContext(operation: string): RequestContext {
    return {
      identity: {
        userId: 'metadefs-loader',
        projectId: null,
        domainId: null,
        roles: ['admin'],
        readOnly: false,
      },
      requestId: `req-${operation}-${randomUUID()}`,
    };
  }
}

function isFileError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

class NotUtf8Error extends Error {}

function decodeFile(bytes: Buffer): string {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new NotUtf8Error('the file is not valid UTF-8');
  return text;
}

/**
 * Returns why a file is skipped, or undefined when the error must stop the whole run. A file
 * that cannot be read, decoded or parsed, or whose content the catalog rejects, is skipped.
 * An event log that cannot be reached stops the load.
 */
function skipReason(error: unknown): string | undefined {
  if (error instanceof CatalogError) {
    if (error.kind === 'unavailable') return undefined;
    return `${error.key} ${JSON.stringify(error.detail.params ?? {})}`;
  }
  if (
    error instanceof SyntaxError ||
    error instanceof RangeError ||
    error instanceof NotUtf8Error ||
    error instanceof CatalogFileError ||
    isFileError(error)
  ) {
    return error.message;
  }
  return undefined;
}
