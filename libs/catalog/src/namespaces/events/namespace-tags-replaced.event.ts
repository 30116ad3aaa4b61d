/** The data of a bulk tag create that replaced a namespace's tags. */
export interface TagsReplacedPayload {
  readonly namespace: string;
  /** Names of the tags the replacement removed. */
  readonly removed_tags: readonly string[];
}

/**
 * A bulk tag create without append removed the namespace's existing tags; the new tags follow
 * as `TagCreatedEvent`s in the same commit. Glance sends no notification for the removal.
 */
export class NamespaceTagsReplacedEvent {
  static readonly TYPE = 'org.openstack.metadefs.namespace.tags_replaced.v1';
  static readonly NOTIFICATION: string | null = null;
  readonly type = NamespaceTagsReplacedEvent.TYPE;

  constructor(readonly data: TagsReplacedPayload) {}
}
