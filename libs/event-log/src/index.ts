export * from './event-log.port';
export * from './file/file-event-log';
export * from './kafka/kafka-event-log';
