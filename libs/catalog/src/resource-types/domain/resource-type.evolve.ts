import { EventContext } from '../../shared/domain/domain-event';
import { EventNotApplicableError, assertNever } from '../../shared/domain/evolve-error';
import { ResourceTypeEvent } from '../events';
import { ResourceTypeRecord } from './resource-type.types';

/** Applies one resource type event; returns undefined once the type is deleted. */
export function evolveResourceType(
  current: ResourceTypeRecord | undefined,
  event: ResourceTypeEvent,
  context: EventContext,
): ResourceTypeRecord | undefined {
  switch (event.type) {
    case 'org.openstack.metadefs.resource_type.created.v1':
      if (current) {
        throw new EventNotApplicableError(event.type, 'the resource type already exists');
      }
      return { seq: context.position, ...event.data };
    case 'org.openstack.metadefs.resource_type.updated.v1':
      if (!current) {
        throw new EventNotApplicableError(event.type, 'the resource type does not exist');
      }
      return { ...current, updated_at: event.data.updated_at };
    case 'org.openstack.metadefs.resource_type.deleted.v1':
      if (!current) {
        throw new EventNotApplicableError(event.type, 'the resource type does not exist');
      }
      return undefined;
    default:
      return assertNever(event, 'resource type event');
  }
}
