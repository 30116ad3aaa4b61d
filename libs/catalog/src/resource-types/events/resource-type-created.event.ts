import { ResourceTypePayload } from './resource-type.payload';

/**
 * A resource type entered the global list: seeded by the loader, or created on the fly by the
 * first association that named it.
 */
export class ResourceTypeCreatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.resource_type.created.v1';
  static readonly NOTIFICATION: string | null = null;
  readonly type = ResourceTypeCreatedEvent.TYPE;

  constructor(readonly data: ResourceTypePayload) {}
}
