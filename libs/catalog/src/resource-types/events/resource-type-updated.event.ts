import { ResourceTypePayload } from './resource-type.payload';

/** A `--prefer_new` load touched a resource type that a file names, setting `updated_at`. */
export class ResourceTypeUpdatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.resource_type.updated.v1';
  static readonly NOTIFICATION: string | null = null;
  readonly type = ResourceTypeUpdatedEvent.TYPE;

  constructor(readonly data: ResourceTypePayload) {}
}
