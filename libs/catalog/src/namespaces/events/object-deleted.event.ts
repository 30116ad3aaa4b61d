import { ObjectPayload } from './object.payload';

/** An object was deleted. */
export class ObjectDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.object.deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_object.delete';
  readonly type = ObjectDeletedEvent.TYPE;

  constructor(readonly data: ObjectPayload) {}
}
