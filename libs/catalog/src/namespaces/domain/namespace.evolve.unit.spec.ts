import { EventNotApplicableError } from '../../shared/domain/evolve-error';
import {
  NamespaceCreatedEvent,
  NamespaceDeletedEvent,
  NamespaceEvent,
  NamespaceObjectsDeletedEvent,
  NamespacePropertiesDeletedEvent,
  NamespaceTagsDeletedEvent,
  NamespaceTagsReplacedEvent,
  NamespaceUpdatedEvent,
  ObjectCreatedEvent,
  ObjectDeletedEvent,
  ObjectUpdatedEvent,
  PropertyCreatedEvent,
  PropertyDeletedEvent,
  PropertyUpdatedEvent,
  ResourceTypeAssociatedEvent,
  ResourceTypeAssociationUpdatedEvent,
  ResourceTypeDissociatedEvent,
  TagCreatedEvent,
  TagDeletedEvent,
  TagUpdatedEvent,
  associationPayload,
  namespacePayload,
  objectPayload,
  propertyPayload,
  tagPayload,
} from '../events';
import { thrown } from './decisions/testing/decision-fixtures';
import { evolveNamespace } from './namespace.evolve';
import { NamespaceRecord, ObjectEntry } from './namespace.types';

const CREATED_AT = '2024-01-01T00:00:00Z';
const LATER = '2024-02-02T00:00:00Z';

function emptyRecord(name: string, seq = 1): NamespaceRecord {
  return {
    seq,
    namespace: name,
    display_name: 'Shown',
    description: null,
    visibility: 'public',
    protected: false,
    owner: 'owner-project',
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    resource_type_associations: [],
    properties: [],
    objects: [],
    tags: [],
  };
}

function object(name: string, description: string | null = null): ObjectEntry {
  return {
    name,
    description,
    required: [],
    properties: [{ name: 'p', definition: { title: 'P', type: 'string' } }],
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
  };
}

/** Applies events in order, each at the next position after `start`. */
function fold(
  events: readonly NamespaceEvent[],
  start: NamespaceRecord | undefined = undefined,
  firstPosition = 1,
): NamespaceRecord | undefined {
  return events.reduce<NamespaceRecord | undefined>(
    (record, event, index) => evolveNamespace(record, event, { position: firstPosition + index }),
    start,
  );
}

describe(evolveNamespace.name, () => {
  describe('when the namespace is created', () => {
    it('starts an empty record at its position', () => {
      const event = new NamespaceCreatedEvent(namespacePayload(emptyRecord('ns-a', 0)));

      const record = evolveNamespace(undefined, event, { position: 7 });

      expect(record).toEqual(emptyRecord('ns-a', 7));
    });

    it('rejects a second create', () => {
      const event = new NamespaceCreatedEvent(namespacePayload(emptyRecord('ns-a')));

      const error = thrown(() => evolveNamespace(emptyRecord('ns-a'), event, { position: 2 }));

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });
  });

  describe('when the namespace is missing', () => {
    it('rejects every other event', () => {
      const event = new TagCreatedEvent(
        tagPayload('ns-a', { name: 't', created_at: CREATED_AT, updated_at: null }),
      );

      const error = thrown(() => evolveNamespace(undefined, event, { position: 1 }));

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });
  });

  describe('when own fields change', () => {
    it('replaces them and keeps children', () => {
      const start = { ...emptyRecord('ns-a', 3), objects: [object('o')] };
      const updated = { ...start, display_name: null, protected: true, updated_at: LATER };
      const event = new NamespaceUpdatedEvent(namespacePayload(updated));

      const record = evolveNamespace(start, event, { position: 9 });

      expect(record).toEqual(updated);
    });

    it('keeps the creation position on rename', () => {
      const start = emptyRecord('ns-a', 3);
      const renamed = { ...start, namespace: 'ns-b' };
      const event = new NamespaceUpdatedEvent(namespacePayload(renamed, { namespaceOld: 'ns-a' }));

      const record = evolveNamespace(start, event, { position: 9 });

      expect(record).toMatchObject({ namespace: 'ns-b', seq: 3 });
    });
  });

  describe('when the namespace is deleted', () => {
    it('returns nothing', () => {
      const start = emptyRecord('ns-a');
      const event = new NamespaceDeletedEvent(namespacePayload(start, { deletedAt: LATER }));

      expect(evolveNamespace(start, event, { position: 2 })).toBeUndefined();
    });
  });

  describe('when a whole collection is cleared', () => {
    const full: NamespaceRecord = {
      ...emptyRecord('ns-a'),
      objects: [object('o')],
      properties: [{ name: 'p', definition: { title: 'P', type: 'string' } }],
      tags: [{ name: 't', created_at: CREATED_AT, updated_at: null, seq: 1 }],
    };
    const cases = [
      { label: 'objects', event: new NamespaceObjectsDeletedEvent(namespacePayload(full)) },
      { label: 'properties', event: new NamespacePropertiesDeletedEvent(namespacePayload(full)) },
      { label: 'tags', event: new NamespaceTagsDeletedEvent(namespacePayload(full)) },
      {
        label: 'tags',
        event: new NamespaceTagsReplacedEvent({ namespace: 'ns-a', removed_tags: ['t'] }),
      },
    ] as const;

    it.each(cases)('empties only $label', ({ label, event }) => {
      const record = evolveNamespace(full, event, { position: 5 });

      expect(record).toEqual({ ...full, [label]: [] });
    });
  });

  describe('when objects change', () => {
    it('appends a created object', () => {
      const start = { ...emptyRecord('ns-a'), objects: [object('first')] };
      const event = new ObjectCreatedEvent(objectPayload('ns-a', object('second')));

      const record = evolveNamespace(start, event, { position: 2 });

      expect(record?.objects).toEqual([object('first'), object('second')]);
    });

    it('rejects a created duplicate', () => {
      const start = { ...emptyRecord('ns-a'), objects: [object('first')] };
      const event = new ObjectCreatedEvent(objectPayload('ns-a', object('first')));

      const error = thrown(() => evolveNamespace(start, event, { position: 2 }));

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });

    it('renames in place', () => {
      const start = { ...emptyRecord('ns-a'), objects: [object('first'), object('second')] };
      const event = new ObjectUpdatedEvent(
        objectPayload('ns-a', object('renamed', 'new'), { nameOld: 'first' }),
      );

      const record = evolveNamespace(start, event, { position: 3 });

      expect(record?.objects).toEqual([object('renamed', 'new'), object('second')]);
    });

    it('rejects a rename onto another', () => {
      const start = { ...emptyRecord('ns-a'), objects: [object('first'), object('second')] };
      const event = new ObjectUpdatedEvent(
        objectPayload('ns-a', object('second'), { nameOld: 'first' }),
      );

      const error = thrown(() => evolveNamespace(start, event, { position: 3 }));

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });

    it('rejects an update of a missing object', () => {
      const event = new ObjectUpdatedEvent(
        objectPayload('ns-a', object('absent'), { nameOld: 'absent' }),
      );

      const error = thrown(() => evolveNamespace(emptyRecord('ns-a'), event, { position: 3 }));

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });

    it('removes a deleted object', () => {
      const start = { ...emptyRecord('ns-a'), objects: [object('first'), object('second')] };
      const event = new ObjectDeletedEvent(
        objectPayload('ns-a', object('first'), { deletedAt: LATER }),
      );

      const record = evolveNamespace(start, event, { position: 4 });

      expect(record?.objects).toEqual([object('second')]);
    });

    it('keeps the stored required list', () => {
      const entry = { ...object('first'), required: ['p'] };
      const event = new ObjectCreatedEvent(objectPayload('ns-a', entry, { requiredAsSent: ['p'] }));

      const record = evolveNamespace(emptyRecord('ns-a'), event, { position: 2 });

      expect(record?.objects[0].required).toEqual(['p']);
    });

    it('stores an omitted required as empty', () => {
      const event = new ObjectCreatedEvent(
        objectPayload('ns-a', object('first'), { requiredAsSent: null }),
      );

      const record = evolveNamespace(emptyRecord('ns-a'), event, { position: 2 });

      expect(record?.objects[0].required).toEqual([]);
    });
  });

  describe('when properties change', () => {
    const speed = { title: 'Speed', type: 'integer' };

    it('adds, renames and removes', () => {
      const events: NamespaceEvent[] = [
        new PropertyCreatedEvent(propertyPayload('ns-a', 'speed', speed)),
        new PropertyCreatedEvent(propertyPayload('ns-a', 'size', speed)),
        new PropertyUpdatedEvent(
          propertyPayload('ns-a', 'velocity', { ...speed, name: 'velocity' }, { nameOld: 'speed' }),
        ),
        new PropertyDeletedEvent(propertyPayload('ns-a', 'size', speed, { deletedAt: LATER })),
      ];

      const record = fold(events, emptyRecord('ns-a'), 2);

      expect(record?.properties).toEqual([
        { name: 'velocity', definition: { ...speed, name: 'velocity' } },
      ]);
    });

    it('rejects a delete of a missing property', () => {
      const event = new PropertyDeletedEvent(
        propertyPayload('ns-a', 'absent', speed, { deletedAt: LATER }),
      );

      const error = thrown(() => evolveNamespace(emptyRecord('ns-a'), event, { position: 2 }));

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });
  });

  describe('when tags change', () => {
    it('orders a created tag by its position', () => {
      const event = new TagCreatedEvent(
        tagPayload('ns-a', { name: 't', created_at: CREATED_AT, updated_at: CREATED_AT }),
      );

      const record = evolveNamespace(emptyRecord('ns-a'), event, { position: 12 });

      expect(record?.tags).toEqual([
        { name: 't', created_at: CREATED_AT, updated_at: CREATED_AT, seq: 12 },
      ]);
    });

    it('keeps the position across renames', () => {
      const events: NamespaceEvent[] = [
        new TagCreatedEvent(
          tagPayload('ns-a', { name: 't', created_at: CREATED_AT, updated_at: CREATED_AT }),
        ),
        new TagUpdatedEvent(
          tagPayload(
            'ns-a',
            { name: 'u', created_at: CREATED_AT, updated_at: LATER },
            { nameOld: 't' },
          ),
        ),
      ];

      const record = fold(events, emptyRecord('ns-a'), 20);

      expect(record?.tags).toEqual([
        { name: 'u', created_at: CREATED_AT, updated_at: LATER, seq: 20 },
      ]);
    });

    it('removes a deleted tag', () => {
      const start = {
        ...emptyRecord('ns-a'),
        tags: [{ name: 't', created_at: CREATED_AT, updated_at: null, seq: 2 }],
      };
      const event = new TagDeletedEvent(tagPayload('ns-a', start.tags[0], { deletedAt: LATER }));

      const record = evolveNamespace(start, event, { position: 3 });

      expect(record?.tags).toEqual([]);
    });
  });

  describe('when associations change', () => {
    const association = {
      name: 'OS::Nova::Flavor',
      prefix: 'hw:',
      properties_target: null,
      created_at: CREATED_AT,
      updated_at: null,
    };

    it('adds an association', () => {
      const event = new ResourceTypeAssociatedEvent(associationPayload('ns-a', association));

      const record = evolveNamespace(emptyRecord('ns-a'), event, { position: 2 });

      expect(record?.resource_type_associations).toEqual([association]);
    });

    it('rewrites prefix and target', () => {
      const start = { ...emptyRecord('ns-a'), resource_type_associations: [association] };
      const rewritten = {
        ...association,
        prefix: null,
        properties_target: 'image',
        updated_at: LATER,
      };
      const event = new ResourceTypeAssociationUpdatedEvent(associationPayload('ns-a', rewritten));

      const record = evolveNamespace(start, event, { position: 3 });

      expect(record?.resource_type_associations).toEqual([rewritten]);
    });

    it('removes a dissociated type', () => {
      const start = { ...emptyRecord('ns-a'), resource_type_associations: [association] };
      const event = new ResourceTypeDissociatedEvent(
        associationPayload('ns-a', association, { deletedAt: LATER }),
      );

      const record = evolveNamespace(start, event, { position: 3 });

      expect(record?.resource_type_associations).toEqual([]);
    });

    it('rejects a duplicate association', () => {
      const start = { ...emptyRecord('ns-a'), resource_type_associations: [association] };
      const event = new ResourceTypeAssociatedEvent(associationPayload('ns-a', association));

      const error = thrown(() => evolveNamespace(start, event, { position: 3 }));

      expect(error).toBeInstanceOf(EventNotApplicableError);
    });
  });
});
