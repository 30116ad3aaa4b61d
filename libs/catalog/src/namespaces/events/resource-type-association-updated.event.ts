import { AssociationPayload } from './association.payload';

/**
 * An association's `prefix` and `properties_target` were rewritten by a `--prefer_new` load.
 * No API route does this, and Glance sends no notification for it.
 */
export class ResourceTypeAssociationUpdatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.resource_type_association.updated.v1';
  static readonly NOTIFICATION: string | null = null;
  readonly type = ResourceTypeAssociationUpdatedEvent.TYPE;

  constructor(readonly data: AssociationPayload) {}
}
