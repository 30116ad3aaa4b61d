import { LoadNamespaceFileHandler } from './load-namespace-file/load-namespace-file.handler';
import { UnloadMetadefsHandler } from './unload-metadefs/unload-metadefs.handler';

export * from './load-namespace-file/load-namespace-file.command';
export * from './unload-metadefs/unload-metadefs.command';

/** The loader's command handlers, for the module's providers. */
export const LOADER_COMMAND_HANDLERS = [LoadNamespaceFileHandler, UnloadMetadefsHandler];
