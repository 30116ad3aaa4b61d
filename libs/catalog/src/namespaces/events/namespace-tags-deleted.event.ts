import { NamespacePayload } from './namespace.payload';

/** Every tag of a namespace was deleted. */
export class NamespaceTagsDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.namespace.tags_deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_namespace.delete_tags';
  readonly type = NamespaceTagsDeletedEvent.TYPE;

  constructor(readonly data: NamespacePayload) {}
}
