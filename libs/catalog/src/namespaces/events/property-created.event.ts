import { PropertyPayload } from './property.payload';

/** A namespace-level property definition was created. */
export class PropertyCreatedEvent {
  static readonly TYPE = 'org.openstack.metadefs.property.created.v1';
  static readonly NOTIFICATION: string | null = 'metadef_property.create';
  readonly type = PropertyCreatedEvent.TYPE;

  constructor(readonly data: PropertyPayload) {}
}
