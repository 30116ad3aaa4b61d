import { ResourceTypeCreatedEvent } from './resource-type-created.event';
import { ResourceTypeDeletedEvent } from './resource-type-deleted.event';
import { ResourceTypeUpdatedEvent } from './resource-type-updated.event';

export * from './resource-type.payload';
export { ResourceTypeCreatedEvent, ResourceTypeDeletedEvent, ResourceTypeUpdatedEvent };

export type ResourceTypeEvent =
  | ResourceTypeCreatedEvent
  | ResourceTypeUpdatedEvent
  | ResourceTypeDeletedEvent;

export const RESOURCE_TYPE_EVENT_CLASSES = [
  ResourceTypeCreatedEvent,
  ResourceTypeUpdatedEvent,
  ResourceTypeDeletedEvent,
] as const;
