import { TagPayload } from './tag.payload';

/** A tag was renamed or touched; `name_old` is its previous name. */
export class TagUpdatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.tag.updated.v1';
  static readonly NOTIFICATION: string | null = 'metadef_tag.update';
  readonly type = TagUpdatedEvent.TYPE;

  constructor(readonly data: TagPayload) {}
}
