export * from './kafka-event-log';
