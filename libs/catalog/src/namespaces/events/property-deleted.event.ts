import { PropertyPayload } from './property.payload';

/** A property definition was deleted. */
export class PropertyDeletedEvent {
  static readonly TYPE = 'org.openstack.metadefs.property.deleted.v1';
  static readonly NOTIFICATION: string | null = 'metadef_property.delete';
  readonly type = PropertyDeletedEvent.TYPE;

  constructor(readonly data: PropertyPayload) {}
}
