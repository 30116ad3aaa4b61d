import { EventContext } from '../../shared/domain/domain-event';
import { EventNotApplicableError } from '../../shared/domain/evolve-error';
import { NamespaceEvent, NamespacePayload } from '../events';
import { NamespaceRecord } from './namespace.types';
import { evolveChildren } from './namespace-children.evolve';

/**
 * Applies one event to the namespace it concerns and returns the new record, or undefined once
 * the namespace is deleted. Pure: everything it needs is in the event and its log position.
 */
export function evolveNamespace(
  current: NamespaceRecord | undefined,
  event: NamespaceEvent,
  context: EventContext,
): NamespaceRecord | undefined {
  if (event.type === 'org.openstack.metadefs.namespace.created.v1') {
    if (current) {
      throw new EventNotApplicableError(event.type, 'the namespace already exists');
    }
    return createdRecord(event.data, context.position);
  }
  if (!current) {
    throw new EventNotApplicableError(event.type, 'the namespace does not exist');
  }

  switch (event.type) {
    case 'org.openstack.metadefs.namespace.updated.v1':
      return { ...current, ...ownFields(event.data) };
    case 'org.openstack.metadefs.namespace.deleted.v1':
      return undefined;
    case 'org.openstack.metadefs.namespace.objects_deleted.v1':
      return { ...current, objects: [] };
    case 'org.openstack.metadefs.namespace.properties_deleted.v1':
      return { ...current, properties: [] };
    case 'org.openstack.metadefs.namespace.tags_deleted.v1':
    case 'org.openstack.metadefs.namespace.tags_replaced.v1':
      return { ...current, tags: [] };
    default:
      return evolveChildren(current, event, context);
  }
}

function createdRecord(data: NamespacePayload, position: number): NamespaceRecord {
  return {
    seq: position,
    ...ownFields(data),
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
  };
}

function ownFields(data: NamespacePayload) {
  return {
    namespace: data.namespace,
    display_name: data.display_name,
    description: data.description,
    visibility: data.visibility,
    protected: data.protected,
    owner: data.owner,
    created_at: data.created_at,
    updated_at: data.updated_at,
  };
}


