import { NamespacePayload } from './namespace.payload';

/** Every namespace-level property of a namespace was deleted. */
export class NamespacePropertiesDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.namespace.properties_deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_namespace.delete_properties';
  readonly type = NamespacePropertiesDeletedEvent.TYPE;

  constructor(readonly data: NamespacePayload) {}
}
