export * from './memory/memory-read-model';
