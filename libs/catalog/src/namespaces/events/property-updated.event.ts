import { PropertyPayload } from './property.payload';

/** A property definition was replaced; `name_old` differs from `name` on a rename. */
export class PropertyUpdatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.property.updated.v1';
  static readonly NOTIFICATION: string | null = 'metadef_property.update';
  readonly type = PropertyUpdatedEvent.TYPE;

  constructor(readonly data: PropertyPayload) {}
}
