import { AssociationPayload } from './association.payload';

/** A namespace was associated with a resource type, which already exists in the catalog. */
export class ResourceTypeAssociatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.resource_type_association.created.v1';
  static readonly NOTIFICATION: string | null = 'metadef_resource_type.create';
  readonly type = ResourceTypeAssociatedEvent.TYPE;

  constructor(readonly data: AssociationPayload) {}
}
