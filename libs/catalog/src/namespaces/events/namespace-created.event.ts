import { NamespacePayload } from './namespace.payload';

/** A namespace was created, empty; its children follow as their own events in the same commit. */
export class NamespaceCreatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.namespace.created.v1';
  static readonly NOTIFICATION: string | null = 'metadef_namespace.create';
  readonly type = NamespaceCreatedEvent.TYPE;

  constructor(readonly data: NamespacePayload) {}
}
