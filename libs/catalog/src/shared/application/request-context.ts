import type { Identity } from '@metadefs/identity';

/** Who sent a request and how to refer to it in logs and events. */
export interface RequestContext {
  readonly identity: Identity;
  /** The `x-openstack-request-id` of the request, recorded as the events' correlation id. */
  readonly requestId: string;
}
