import { ObjectPayload } from './object.payload';

/** An object was created in a namespace. */
export class ObjectCreatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.object.created.v1';
  static readonly NOTIFICATION: string | null = 'metadef_object.create';
  readonly type = ObjectCreatedEvent.TYPE;

  constructor(readonly data: ObjectPayload) {}
}
