import { TagPayload } from './tag.payload';

/** A tag was deleted. */
export class TagDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.tag.deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_tag.delete';
  readonly type = TagDeletedEvent.TYPE;

  constructor(readonly data: TagPayload) {}
}
