import { DomainEventClass } from '../shared/domain/domain-event';
import { NAMESPACE_EVENT_CLASSES, NamespaceEvent } from '../namespaces/events';
import { RESOURCE_TYPE_EVENT_CLASSES, ResourceTypeEvent } from '../resource-types/events';

/** Every event the catalog writes to its log. */
export type CatalogEvent = NamespaceEvent | ResourceTypeEvent;

const CLASSES: readonly DomainEventClass[] = [
  ...(NAMESPACE_EVENT_CLASSES as unknown as DomainEventClass[]),
  ...(RESOURCE_TYPE_EVENT_CLASSES as unknown as DomainEventClass[]),
];

const BY_TYPE = new Map<string, DomainEventClass>(CLASSES.map((cls) => [cls.TYPE, cls]));

const RESOURCE_TYPE_TYPES = new Set<string>(RESOURCE_TYPE_EVENT_CLASSES.map((cls) => cls.TYPE));

/** The class registered for an event type string, if the catalog knows the type. */
export function eventClassOf(type: string): DomainEventClass | undefined {
  return BY_TYPE.get(type);
}

/** Every event type string the catalog writes. */
export function knownEventTypes(): string[] {
  return [...BY_TYPE.keys()];
}

export function isResourceTypeEvent(event: CatalogEvent): event is ResourceTypeEvent {
  return RESOURCE_TYPE_TYPES.has(event.type);
}

/**
 * The name an event is about: the namespace for namespace events (its current name after a
 * rename), the resource type for resource type events. It is the CloudEvents `subject` and the
 * Kafka record key.
 */
export function subjectOf(event: CatalogEvent): string {
  if (isResourceTypeEvent(event)) {
    return event.data.name;
  }
  return (event.data as { namespace: string }).namespace;
}
