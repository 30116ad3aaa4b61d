import { TagPayload } from './tag.payload';

/** A tag was created in a namespace. */
export class TagCreatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.tag.created.v1';
  static readonly NOTIFICATION: string | null = 'metadef_tag.create';
  readonly type = TagCreatedEvent.TYPE;

  constructor(readonly data: TagPayload) {}
}
