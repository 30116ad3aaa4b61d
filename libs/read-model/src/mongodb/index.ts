export * from './mongo-read-model';
