import { NamespacePayload } from './namespace.payload';

/** A namespace's own fields were replaced; `namespace_old` differs from `namespace` on a rename. */
export class NamespaceUpdatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.namespace.updated.v1';
  static readonly NOTIFICATION: string | null = 'metadef_namespace.update';
  readonly type = NamespaceUpdatedEvent.TYPE;

  constructor(readonly data: NamespacePayload) {}
}
