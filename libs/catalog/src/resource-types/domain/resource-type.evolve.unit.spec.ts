import { EventNotApplicableError } from '../../shared/domain/evolve-error';
import {
  ResourceTypeCreatedEvent,
  ResourceTypeDeletedEvent,
  ResourceTypeUpdatedEvent,
} from '../events';
import { evolveResourceType } from './resource-type.evolve';
import { ResourceTypeRecord } from './resource-type.types';

const CREATED_AT = '2024-01-01T00:00:00Z';
const LATER = '2024-02-02T00:00:00Z';

const payload = {
  name: 'OS::Glance::Image',
  protected: true,
  created_at: CREATED_AT,
  updated_at: null,
};
const record: ResourceTypeRecord = { seq: 4, ...payload };

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(evolveResourceType.name, () => {
  describe('when a type is created', () => {
    it('records its position', () => {
      const result = evolveResourceType(undefined, new ResourceTypeCreatedEvent(payload), {
        position: 4,
      });

      expect(result).toEqual(record);
    });

    it('rejects a second create', () => {
      const error = thrown(() =>
        evolveResourceType(record, new ResourceTypeCreatedEvent(payload), { position: 5 }),
      );

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });
  });

  describe('when a type is updated', () => {
    it('changes only the update time', () => {
      const event = new ResourceTypeUpdatedEvent({
        ...payload,
        protected: false,
        created_at: LATER,
        updated_at: LATER,
      });

      const result = evolveResourceType(record, event, { position: 9 });

      expect(result).toEqual({ ...record, updated_at: LATER });
    });

    it('rejects a missing type', () => {
      const error = thrown(() =>
        evolveResourceType(undefined, new ResourceTypeUpdatedEvent(payload), { position: 9 }),
      );

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });
  });

  describe('when a type is deleted', () => {
    it('returns nothing', () => {
      const result = evolveResourceType(record, new ResourceTypeDeletedEvent(payload), {
        position: 9,
      });

      expect(result).toBeUndefined();
    });

    it('rejects a missing type', () => {
      const error = thrown(() =>
        evolveResourceType(undefined, new ResourceTypeDeletedEvent(payload), { position: 9 }),
      );

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });
  });
});
