export * from './memory/memory-read-model';
export * from './mongodb/mongo-read-model';
