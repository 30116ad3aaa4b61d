import { ResourceTypePayload } from './resource-type.payload';

/** The loader's unload removed a resource type; no API route deletes one. */
export class ResourceTypeDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.resource_type.deleted.v1';
  static readonly NOTIFICATION: string | null = null;
  readonly type = ResourceTypeDeletedEvent.TYPE;

  constructor(readonly data: ResourceTypePayload) {}
}
