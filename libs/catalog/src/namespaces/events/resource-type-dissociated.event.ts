import { AssociationPayload } from './association.payload';

/** A namespace's association with a resource type was deleted; the resource type stays. */
export class ResourceTypeDissociatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.resource_type_association.deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_resource_type.delete';
  readonly type = ResourceTypeDissociatedEvent.TYPE;

  constructor(readonly data: AssociationPayload) {}
}
