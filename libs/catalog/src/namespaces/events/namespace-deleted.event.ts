import { NamespacePayload } from './namespace.payload';

/** A namespace was deleted together with everything it owned. */
export class NamespaceDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.namespace.deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_namespace.delete';
  readonly type = NamespaceDeletedEvent.TYPE;

  constructor(readonly data: NamespacePayload) {}
}
