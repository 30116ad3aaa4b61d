import { ObjectPayload } from './object.payload';

/** An object was replaced; `name_old` differs from `name` on a rename. */
export class ObjectUpdatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.object.updated.v1';
  static readonly NOTIFICATION: string | null = 'metadef_object.update';
  readonly type = ObjectUpdatedEvent.TYPE;

  constructor(readonly data: ObjectPayload) {}
}
