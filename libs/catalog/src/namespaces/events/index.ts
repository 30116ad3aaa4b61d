import { NamespaceCreatedEvent } from './namespace-created.event';
import { NamespaceDeletedEvent } from './namespace-deleted.event';
import { NamespaceObjectsDeletedEvent } from './namespace-objects-deleted.event';
import { NamespacePropertiesDeletedEvent } from './namespace-properties-deleted.event';
import { NamespaceTagsDeletedEvent } from './namespace-tags-deleted.event';
import { NamespaceTagsReplacedEvent } from './namespace-tags-replaced.event';
import { NamespaceUpdatedEvent } from './namespace-updated.event';
import { ObjectCreatedEvent } from './object-created.event';
import { ObjectDeletedEvent } from './object-deleted.event';
import { ObjectUpdatedEvent } from './object-updated.event';
import { PropertyCreatedEvent } from './property-created.event';
import { PropertyDeletedEvent } from './property-deleted.event';
import { PropertyUpdatedEvent } from './property-updated.event';
import { ResourceTypeAssociatedEvent } from './resource-type-associated.event';
import { ResourceTypeAssociationUpdatedEvent } from './resource-type-association-updated.event';
import { ResourceTypeDissociatedEvent } from './resource-type-dissociated.event';
import { TagCreatedEvent } from './tag-created.event';
import { TagDeletedEvent } from './tag-deleted.event';
import { TagUpdatedEvent } from './tag-updated.event';

export * from './association.payload';
export * from './namespace.payload';
export * from './object.payload';
export * from './property.payload';
export * from './tag.payload';
export type { TagsReplacedPayload } from './namespace-tags-replaced.event';
export {
  NamespaceCreatedEvent,
  NamespaceDeletedEvent,
  NamespaceObjectsDeletedEvent,
  NamespacePropertiesDeletedEvent,
  NamespaceTagsDeletedEvent,
  NamespaceTagsReplacedEvent,
  NamespaceUpdatedEvent,
  ObjectCreatedEvent,
  ObjectDeletedEvent,
  ObjectUpdatedEvent,
  PropertyCreatedEvent,
  PropertyDeletedEvent,
  PropertyUpdatedEvent,
  ResourceTypeAssociatedEvent,
  ResourceTypeAssociationUpdatedEvent,
  ResourceTypeDissociatedEvent,
  TagCreatedEvent,
  TagDeletedEvent,
  TagUpdatedEvent,
};

/** Every event that changes one namespace or its children. */
export type NamespaceEvent =
  | NamespaceCreatedEvent
  | NamespaceUpdatedEvent
  | NamespaceDeletedEvent
  | NamespaceObjectsDeletedEvent
  | NamespacePropertiesDeletedEvent
  | NamespaceTagsDeletedEvent
  | NamespaceTagsReplacedEvent
  | ObjectCreatedEvent
  | ObjectUpdatedEvent
  | ObjectDeletedEvent
  | PropertyCreatedEvent
  | PropertyUpdatedEvent
  | PropertyDeletedEvent
  | TagCreatedEvent
  | TagUpdatedEvent
  | TagDeletedEvent
  | ResourceTypeAssociatedEvent
  | ResourceTypeAssociationUpdatedEvent
  | ResourceTypeDissociatedEvent;

export const NAMESPACE_EVENT_CLASSES = [
  NamespaceCreatedEvent,
  NamespaceUpdatedEvent,
  NamespaceDeletedEvent,
  NamespaceObjectsDeletedEvent,
  NamespacePropertiesDeletedEvent,
  NamespaceTagsDeletedEvent,
  NamespaceTagsReplacedEvent,
  ObjectCreatedEvent,
  ObjectUpdatedEvent,
  ObjectDeletedEvent,
  PropertyCreatedEvent,
  PropertyUpdatedEvent,
  PropertyDeletedEvent,
  TagCreatedEvent,
  TagUpdatedEvent,
  TagDeletedEvent,
  ResourceTypeAssociatedEvent,
  ResourceTypeAssociationUpdatedEvent,
  ResourceTypeDissociatedEvent,
] as const;
