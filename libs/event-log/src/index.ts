export * from './event-log.port';
export * from './file/file-event-log';
