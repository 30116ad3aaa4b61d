import { NamespacePayload } from './namespace.payload';

/** Every object of a namespace was deleted. */
export class NamespaceObjectsDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.namespace.objects_deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_namespace.delete_objects';
  readonly type = NamespaceObjectsDeletedEvent.TYPE;

  constructor(readonly data: NamespacePayload) {}
}
