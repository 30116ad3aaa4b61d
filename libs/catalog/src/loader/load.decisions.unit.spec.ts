import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

import { decideDissociateResourceType } from '../namespaces/domain/decisions/association.decisions';
import { decideDeleteObject } from '../namespaces/domain/decisions/object.decisions';
import { decideDeleteProperty } from '../namespaces/domain/decisions/property.decisions';
import { decideDeleteTag } from '../namespaces/domain/decisions/tag.decisions';
import { NamespaceRecord } from '../namespaces/domain/namespace.types';
import {
  Decision,
  DecisionContext,
  namespaceStream,
  resourceTypeStream,
} from '../shared/domain/decision';
import { CatalogEvent } from '../write-model/catalog-event';
import { CatalogState } from '../write-model/catalog-state';
import { Commit } from '../write-model/commit';
import { CatalogFile, readCatalogFile } from './catalog-file';
import { LoadMode, decideLoadFile, decideUnload } from './load.decisions';

const FIRST_LOAD = new Date('2024-01-01T00:00:00Z');
const FIRST_TEXT = '2024-01-01T00:00:00Z';
const SECOND_LOAD = new Date('2024-06-01T12:00:00Z');
const SECOND_TEXT = '2024-06-01T12:00:00Z';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const METADEFS_DIR = path.resolve(REPO_ROOT, process.env.METADEFS_DIR ?? '../shared/metadefs');

const ADMIN: DecisionContext = {
  now: FIRST_LOAD,
  caller: { projectId: 'admin-project', isAdmin: true },
  authorize: () => undefined,
};

function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Folds decisions the way the log would order them. */
class FoldedCatalog {
  readonly state = new CatalogState();

  apply(decision: Decision<unknown>): string {
    const expectedVersions: Record<string, number> = {};
    for (const stream of decision.streams) expectedVersions[stream] = this.state.versionOf(stream);
    const start = this.state.position;
    const commit: Commit = {
      id: randomUUID(),
      expectedVersions,
      events: decision.events.map((event, index) => ({
        position: start + index + 1,
        event: event as CatalogEvent,
      })),
    };
    return this.state.apply(commit).outcome;
  }

  load(file: CatalogFile, mode: LoadMode, instant: Date): Decision<string> {
    const decision = decideLoadFile(this.state, file, mode, instant);
    const outcome = this.apply(decision);
    if (decision.events.length > 0 && outcome !== 'applied') {
      throw new Error(`The load commit was ${outcome}`);
    }
    return decision;
  }

  namespace(name: string): NamespaceRecord {
    const record = this.state.namespace(name);
    if (!record) throw new Error(`No namespace ${name}`);
    return record;
  }
}

/** Builds a catalog file with two of each child, with `changes` overriding its content. */
function catalogFile(name: string, changes: Record<string, unknown> = {}): CatalogFile {
  return readCatalogFile({
    namespace: name,
    display_name: 'From file',
    description: 'File text',
    visibility: 'public',
    protected: true,
    resource_type_associations: [
      { name: 'OS::Nova::Flavor', prefix: 'hw:' },
      { name: 'OS::Glance::Image', prefix: 'hw_', properties_target: 'image' },
    ],
    properties: {
      cores: { title: 'Cores', type: 'integer', default: 8 },
      model: { title: 'Model', type: 'string' },
    },
    objects: [
      {
        name: 'Limits',
        description: 'From file',
        required: ['cpu'],
        properties: { cpu: { type: 'integer' } },
      },
      { name: 'Bare' },
    ],
    tags: [{ name: 'fast' }, { name: 'slow' }],
    ...changes,
  });
}

/**
 * Builds a catalog where the file was loaded once and then changed. The display name, owner,
 * one prefix, one property and one object differ, and each collection has an extra child. One
 * child of each collection from the file was deleted through the API decisions.
 */
function driftedCatalog(name: string): FoldedCatalog {
  const catalog = new FoldedCatalog();
  catalog.load(catalogFile(name), 'plain', FIRST_LOAD);
  catalog.load(
    catalogFile(name, {
      display_name: 'Changed',
      owner: 'other-project',
      resource_type_associations: [
        { name: 'OS::Nova::Flavor', prefix: 'changed:' },
        { name: 'OS::Cinder::Volume' },
      ],
      properties: {
        cores: { title: 'Changed cores', type: 'integer' },
        extra: { title: 'Extra', type: 'string' },
      },
      objects: [{ name: 'Limits', description: 'Changed' }, { name: 'Extra' }],
      tags: [{ name: 'fast' }, { name: 'extra' }],
      protected: false,
    }),
    'prefer_new',
    FIRST_LOAD,
  );
  catalog.apply(decideDeleteProperty(catalog.state, name, 'model', ADMIN));
  catalog.apply(decideDeleteObject(catalog.state, name, 'Bare', ADMIN));
  catalog.apply(decideDeleteTag(catalog.state, name, 'slow', ADMIN));
  catalog.apply(decideDissociateResourceType(catalog.state, name, 'OS::Glance::Image', ADMIN));
  return catalog;
}

function typesOf(decision: Decision<unknown>): string[] {
  return decision.events.map((event) => event.type.replace('org.openstack.metadefs.', ''));
}

describe(decideLoadFile.name, () => {
  describe('when the namespace is new', () => {
    const modes: LoadMode[] = ['plain', 'merge', 'prefer_new', 'overwrite'];

    it.each(modes)('creates everything in %s mode', (mode) => {
      const catalog = new FoldedCatalog();

      const decision = catalog.load(catalogFile(uniqueName('ns')), mode, FIRST_LOAD);

      expect(decision.result).toBe('created');
      expect(typesOf(decision)).toEqual([
        'namespace.created.v1',
        'resource_type.created.v1',
        'resource_type_association.created.v1',
        'resource_type.created.v1',
        'resource_type_association.created.v1',
        'property.created.v1',
        'property.created.v1',
        'object.created.v1',
        'object.created.v1',
        'tag.created.v1',
        'tag.created.v1',
      ]);
    });

    it('stores rows without update time', () => {
      const catalog = new FoldedCatalog();
      const name = uniqueName('ns');

      catalog.load(catalogFile(name), 'plain', FIRST_LOAD);
      const record = catalog.namespace(name);

      expect({
        namespace: record.updated_at,
        association: record.resource_type_associations[0].updated_at,
        object: record.objects[0].updated_at,
        tag: record.tags[0].updated_at,
      }).toEqual({ namespace: null, association: null, object: null, tag: null });
    });

    it('stores the namespace fields', () => {
      const catalog = new FoldedCatalog();
      const name = uniqueName('ns');

      catalog.load(catalogFile(name), 'plain', FIRST_LOAD);

      expect(catalog.namespace(name)).toMatchObject({
        namespace: name,
        display_name: 'From file',
        description: 'File text',
        visibility: 'public',
        protected: true,
        owner: 'admin',
        created_at: FIRST_TEXT,
      });
    });

    it('stores definitions verbatim', () => {
      const catalog = new FoldedCatalog();
      const name = uniqueName('ns');

      catalog.load(catalogFile(name), 'plain', FIRST_LOAD);

      expect(catalog.namespace(name).properties[0]).toEqual({
        name: 'cores',
        definition: { title: 'Cores', type: 'integer', default: 8 },
      });
    });

    it('stores a bare object as empty', () => {
      const catalog = new FoldedCatalog();
      const name = uniqueName('ns');

      catalog.load(catalogFile(name), 'plain', FIRST_LOAD);

      expect(catalog.namespace(name).objects[1]).toMatchObject({
        name: 'Bare',
        description: null,
        required: [],
        properties: [],
      });
    });

    it('keeps null visibility and protection', () => {
      const catalog = new FoldedCatalog();
      const name = uniqueName('ns');

      catalog.load(readCatalogFile({ namespace: name }), 'plain', FIRST_LOAD);

      expect(catalog.namespace(name)).toMatchObject({ visibility: null, protected: null });
    });

    it('seeds resource types as protected', () => {
      const catalog = new FoldedCatalog();

      catalog.load(catalogFile(uniqueName('ns')), 'plain', FIRST_LOAD);

      expect(catalog.state.resourceType('OS::Nova::Flavor')).toMatchObject({
        protected: true,
        created_at: FIRST_TEXT,
        updated_at: null,
      });
    });

    it('reads namespace and type streams', () => {
      const name = uniqueName('ns');

      const decision = decideLoadFile(new CatalogState(), catalogFile(name), 'plain', FIRST_LOAD);

      expect(decision.streams).toEqual([
        namespaceStream(name),
        resourceTypeStream('OS::Nova::Flavor'),
        resourceTypeStream('OS::Glance::Image'),
      ]);
    });

    it('skips repeated children in the file', () => {
      const file = catalogFile(uniqueName('ns'), {
        resource_type_associations: [{ name: 'OS::A' }, { name: 'OS::A', prefix: 'x' }],
        properties: {},
        objects: [{ name: 'o' }, { name: 'o', description: 'again' }],
        tags: [{ name: 't' }, { name: 't' }],
      });

      const decision = decideLoadFile(new CatalogState(), file, 'plain', FIRST_LOAD);

      expect(typesOf(decision)).toEqual([
        'namespace.created.v1',
        'resource_type.created.v1',
        'resource_type_association.created.v1',
        'object.created.v1',
        'tag.created.v1',
      ]);
    });

    it('sends no Glance notifications', () => {
      const decision = decideLoadFile(
        new CatalogState(),
        catalogFile(uniqueName('ns')),
        'plain',
        FIRST_LOAD,
      );

      expect(decision.events.every((event) => event.type.startsWith('org.openstack.'))).toBe(true);
    });
  });

  describe('when the namespace exists in plain mode', () => {
    it('skips the whole file', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      const decision = decideLoadFile(catalog.state, catalogFile(name), 'plain', SECOND_LOAD);

      expect(decision.result).toBe('skipped');
      expect(decision.events).toEqual([]);
      expect(decision.streams).toEqual([]);
    });
  });

  describe('when the namespace exists in merge mode', () => {
    it('adds only missing children', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      const decision = catalog.load(catalogFile(name), 'merge', SECOND_LOAD);

      expect(decision.result).toBe('merged');
      expect(typesOf(decision)).toEqual([
        'resource_type_association.created.v1',
        'property.created.v1',
        'object.created.v1',
        'tag.created.v1',
      ]);
    });

    it('keeps changed values', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'merge', SECOND_LOAD);
      const record = catalog.namespace(name);

      expect({
        display_name: record.display_name,
        owner: record.owner,
        prefix: record.resource_type_associations[0].prefix,
        cores: record.properties.find((property) => property.name === 'cores')?.definition.title,
        limits: record.objects.find((object) => object.name === 'Limits')?.description,
      }).toEqual({
        display_name: 'Changed',
        owner: 'other-project',
        prefix: 'changed:',
        cores: 'Changed cores',
        limits: 'Changed',
      });
    });

    it('keeps children missing from the file', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'merge', SECOND_LOAD);
      const record = catalog.namespace(name);

      expect({
        associations: record.resource_type_associations.map((entry) => entry.name).sort(),
        properties: record.properties.map((entry) => entry.name).sort(),
        objects: record.objects.map((entry) => entry.name).sort(),
        tags: record.tags.map((entry) => entry.name).sort(),
      }).toEqual({
        associations: ['OS::Cinder::Volume', 'OS::Glance::Image', 'OS::Nova::Flavor'],
        properties: ['cores', 'extra', 'model'],
        objects: ['Bare', 'Extra', 'Limits'],
        tags: ['extra', 'fast', 'slow'],
      });
    });

    it('creates missing resource types', () => {
      const name = uniqueName('ns');
      const catalog = new FoldedCatalog();
      catalog.load(catalogFile(name, { resource_type_associations: [] }), 'plain', FIRST_LOAD);

      const decision = catalog.load(catalogFile(name), 'merge', SECOND_LOAD);

      expect(typesOf(decision).filter((type) => type === 'resource_type.created.v1')).toHaveLength(
        2,
      );
    });
  });

  describe('when the namespace exists in prefer_new mode', () => {
    it('updates every row from the file', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      const decision = catalog.load(catalogFile(name), 'prefer_new', SECOND_LOAD);

      expect(decision.result).toBe('merged');
      expect(typesOf(decision)).toEqual([
        'namespace.updated.v1',
        'resource_type.updated.v1',
        'resource_type_association.updated.v1',
        'resource_type.updated.v1',
        'resource_type_association.created.v1',
        'property.updated.v1',
        'property.created.v1',
        'object.updated.v1',
        'object.created.v1',
        'tag.updated.v1',
        'tag.created.v1',
      ]);
    });

    it('restores the file values', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'prefer_new', SECOND_LOAD);
      const record = catalog.namespace(name);

      expect({
        display_name: record.display_name,
        owner: record.owner,
        updated_at: record.updated_at,
        created_at: record.created_at,
        cores: record.properties.find((property) => property.name === 'cores')?.definition,
      }).toEqual({
        display_name: 'From file',
        owner: 'admin',
        updated_at: SECOND_TEXT,
        created_at: FIRST_TEXT,
        cores: { title: 'Cores', type: 'integer', default: 8 },
      });
    });

    it('rewrites the association prefix', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(
        catalogFile(name, { resource_type_associations: [{ name: 'OS::Nova::Flavor' }] }),
        'prefer_new',
        SECOND_LOAD,
      );

      expect(catalog.namespace(name).resource_type_associations[0]).toEqual({
        name: 'OS::Nova::Flavor',
        prefix: null,
        properties_target: null,
        created_at: FIRST_TEXT,
        updated_at: SECOND_TEXT,
      });
    });

    it('replaces object content', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'prefer_new', SECOND_LOAD);

      expect(catalog.namespace(name).objects.find((object) => object.name === 'Limits')).toEqual({
        name: 'Limits',
        description: 'From file',
        required: ['cpu'],
        properties: [{ name: 'cpu', definition: { type: 'integer' } }],
        created_at: FIRST_TEXT,
        updated_at: SECOND_TEXT,
      });
    });

    it('touches existing tags', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'prefer_new', SECOND_LOAD);

      expect(catalog.namespace(name).tags.find((tag) => tag.name === 'fast')).toMatchObject({
        created_at: FIRST_TEXT,
        updated_at: SECOND_TEXT,
      });
    });

    it('touches existing resource types', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'prefer_new', SECOND_LOAD);

      expect(catalog.state.resourceType('OS::Nova::Flavor')).toMatchObject({
        protected: true,
        created_at: FIRST_TEXT,
        updated_at: SECOND_TEXT,
      });
    });

    it('removes nothing', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'prefer_new', SECOND_LOAD);

      expect(
        catalog
          .namespace(name)
          .tags.map((tag) => tag.name)
          .sort(),
      ).toEqual(['extra', 'fast', 'slow']);
    });
  });

  describe('when the namespace exists in overwrite mode', () => {
    it('deletes then creates it', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      const decision = catalog.load(catalogFile(name), 'overwrite', SECOND_LOAD);

      expect(decision.result).toBe('replaced');
      expect(typesOf(decision).slice(0, 2)).toEqual([
        'namespace.deleted.v1',
        'namespace.created.v1',
      ]);
    });

    it('gives a fresh row', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);
      const before = catalog.namespace(name).seq;

      catalog.load(catalogFile(name), 'overwrite', SECOND_LOAD);
      const record = catalog.namespace(name);

      expect({
        newSeq: record.seq > before,
        created_at: record.created_at,
        updated_at: record.updated_at,
        display_name: record.display_name,
      }).toEqual({
        newSeq: true,
        created_at: SECOND_TEXT,
        updated_at: null,
        display_name: 'From file',
      });
    });

    it('drops children missing from the file', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      catalog.load(catalogFile(name), 'overwrite', SECOND_LOAD);
      const record = catalog.namespace(name);

      expect({
        associations: record.resource_type_associations.map((entry) => entry.name),
        properties: record.properties.map((entry) => entry.name),
        objects: record.objects.map((entry) => entry.name),
        tags: record.tags.map((entry) => entry.name),
      }).toEqual({
        associations: ['OS::Nova::Flavor', 'OS::Glance::Image'],
        properties: ['cores', 'model'],
        objects: ['Limits', 'Bare'],
        tags: ['fast', 'slow'],
      });
    });

    it('keeps existing resource types', () => {
      const name = uniqueName('ns');
      const catalog = driftedCatalog(name);

      const decision = catalog.load(catalogFile(name), 'overwrite', SECOND_LOAD);

      expect(typesOf(decision)).not.toContain('resource_type.created.v1');
    });
  });
});

describe(decideUnload.name, () => {
  describe('when the catalog has content', () => {
    function loadedCatalog(): FoldedCatalog {
      const catalog = new FoldedCatalog();
      catalog.load(catalogFile(uniqueName('a')), 'plain', FIRST_LOAD);
      catalog.load(
        catalogFile(uniqueName('b'), { resource_type_associations: [{ name: 'OS::Extra' }] }),
        'plain',
        FIRST_LOAD,
      );
      return catalog;
    }

    it('counts what it deletes', () => {
      const catalog = loadedCatalog();

      const decision = decideUnload(catalog.state, SECOND_LOAD);

      expect(decision.result).toEqual({ namespaces: 2, resourceTypes: 3, remaining: 0 });
    });

    it('deletes namespaces then types', () => {
      const catalog = loadedCatalog();

      const decision = decideUnload(catalog.state, SECOND_LOAD);

      expect(typesOf(decision)).toEqual([
        'namespace.deleted.v1',
        'namespace.deleted.v1',
        'resource_type.deleted.v1',
        'resource_type.deleted.v1',
        'resource_type.deleted.v1',
      ]);
    });

    it('empties the folded catalog', () => {
      const catalog = loadedCatalog();

      catalog.apply(decideUnload(catalog.state, SECOND_LOAD));

      expect([...catalog.state.namespaces()]).toEqual([]);
      expect([...catalog.state.resourceTypes()]).toEqual([]);
    });

    it('reads every stream it deletes', () => {
      const catalog = loadedCatalog();

      const decision = decideUnload(catalog.state, SECOND_LOAD);

      expect(decision.streams).toHaveLength(5);
    });

    it('stops at the batch size and counts what is left', () => {
      const catalog = loadedCatalog();

      const decision = decideUnload(catalog.state, SECOND_LOAD, 1);

      expect(decision.result).toEqual({ namespaces: 1, resourceTypes: 0, remaining: 4 });
    });

    it('keeps resource types until no namespace is left', () => {
      const catalog = loadedCatalog();

      const decision = decideUnload(catalog.state, SECOND_LOAD, 3);

      expect(typesOf(decision)).toEqual([
        'namespace.deleted.v1',
        'namespace.deleted.v1',
        'resource_type.deleted.v1',
      ]);
      expect(decision.result.remaining).toBe(2);
    });

    it('empties the folded catalog over repeated batches', () => {
      const catalog = loadedCatalog();

      let batches = 0;
      for (;;) {
        const decision = decideUnload(catalog.state, SECOND_LOAD, 2);
        catalog.apply(decision);
        batches += 1;
        if (decision.result.remaining === 0) break;
      }

      expect(batches).toBe(3);
      expect([...catalog.state.namespaces()]).toEqual([]);
      expect([...catalog.state.resourceTypes()]).toEqual([]);
    });
  });

  describe('when the catalog is empty', () => {
    it('decides nothing', () => {
      const decision = decideUnload(new CatalogState(), SECOND_LOAD);

      expect(decision.events).toEqual([]);
      expect(decision.result).toEqual({ namespaces: 0, resourceTypes: 0, remaining: 0 });
    });
  });
});

/** Figures from loading Glance's catalog of 33 files into an empty store. */
const REFERENCE_PROPERTY_COUNTS: Readonly<Record<string, number>> = {
  'CIM::ProcessorAllocationSettingData': 3,
  'CIM::ResourceAllocationSettingData': 19,
  'CIM::StorageAllocationSettingData': 13,
  'CIM::VirtualSystemSettingData': 17,
  'OS::Compute::XenAPI': 1,
  'OS::Compute::InstanceData': 2,
  'OS::Compute::Libvirt': 5,
  'OS::Compute::VMwareQuotaFlavor': 2,
  'OS::Cinder::Volumetype': 1,
  'OS::Glance::Signatures': 4,
  'OS::Compute::AggregateIoOpsFilter': 1,
  'OS::Compute::RandomNumberGenerator': 3,
  'OS::Compute::VTPM': 2,
  'OS::Compute::Hypervisor': 2,
  'OS::Compute::CPUPinning': 2,
  'OS::OperatingSystem': 3,
  'OS::Compute::AggregateDiskFilter': 1,
  'OS::Compute::AggregateNumInstancesFilter': 1,
  'OS::Compute::CPUMode': 1,
  'OS::Compute::HostCapabilities': 7,
  'OS::Compute::VirtCPUTopology': 6,
  'OS::Glance::CommonImageProperties': 10,
  'OS::Compute::GuestShutdownBehavior': 1,
  'OS::Compute::VMwareFlavor': 2,
  'OS::Compute::TPM': 2,
  'OS::Compute::GuestMemoryBacking': 1,
  'OS::Compute::LibvirtImage': 17,
  'OS::Compute::VMware': 6,
  'OS::Compute::Watchdog': 1,
  'OS::Compute::Quota': 0,
  'OS::Software::WebServers': 0,
  'OS::Software::DBMS': 0,
  'OS::Software::Runtimes': 0,
};

const REFERENCE_OBJECT_COUNTS: Readonly<Record<string, number>> = {
  'OS::Compute::Quota': 3,
  'OS::Software::WebServers': 3,
  'OS::Software::DBMS': 12,
  'OS::Software::Runtimes': 5,
};

const REFERENCE_TOTALS = {
  namespaces: 33,
  resourceTypes: 6,
  associations: 63,
  properties: 136,
  objects: 23,
  tags: 0,
};

interface CatalogCounts {
  readonly namespaces: number;
  readonly resourceTypes: number;
  readonly associations: number;
  readonly properties: number;
  readonly objects: number;
  readonly tags: number;
}

function readCatalogDirectory(): CatalogFile[] {
  return readdirSync(METADEFS_DIR)
    .filter((fileName) => fileName.endsWith('.json'))
    .sort()
    .map((fileName) =>
      readCatalogFile(JSON.parse(readFileSync(path.join(METADEFS_DIR, fileName), 'utf8'))),
    );
}

/** The counts a load should give, computed from the files themselves. */
function countsOfFiles(files: readonly CatalogFile[]): CatalogCounts {
  const types = new Set(
    files.flatMap((file) => file.resource_type_associations.map((entry) => entry.name)),
  );
  return {
    namespaces: new Set(files.map((file) => file.namespace)).size,
    resourceTypes: types.size,
    associations: files.reduce(
      (sum, file) => sum + new Set(file.resource_type_associations.map((entry) => entry.name)).size,
      0,
    ),
    properties: files.reduce((sum, file) => sum + Object.keys(file.properties).length, 0),
    objects: files.reduce(
      (sum, file) => sum + new Set(file.objects.map((entry) => entry.name)).size,
      0,
    ),
    tags: files.reduce((sum, file) => sum + new Set(file.tags).size, 0),
  };
}

function countsOfState(state: CatalogState): CatalogCounts {
  const records = [...state.namespaces()];
  const sum = (count: (record: NamespaceRecord) => number) =>
    records.reduce((total, record) => total + count(record), 0);
  return {
    namespaces: records.length,
    resourceTypes: [...state.resourceTypes()].length,
    associations: sum((record) => record.resource_type_associations.length),
    properties: sum((record) => record.properties.length),
    objects: sum((record) => record.objects.length),
    tags: sum((record) => record.tags.length),
  };
}

const catalogPresent = existsSync(METADEFS_DIR);
if (!catalogPresent) {
  console.warn(
    `Skipping the upstream catalog load: ${METADEFS_DIR} does not exist (set METADEFS_DIR)`,
  );
}

(catalogPresent ? describe : describe.skip)('upstream catalog load', () => {
  function loadAll(mode: LoadMode = 'plain') {
    const files = readCatalogDirectory();
    const catalog = new FoldedCatalog();
    const outcomes = files.map((file) => catalog.load(file, mode, FIRST_LOAD).result);
    return { files, catalog, outcomes };
  }

  function isReferenceCatalog(files: readonly CatalogFile[]): boolean {
    const names = files.map((file) => file.namespace).sort();
    return JSON.stringify(names) === JSON.stringify(Object.keys(REFERENCE_PROPERTY_COUNTS).sort());
  }

  describe('when loading every file', () => {
    it('creates each namespace', () => {
      const { outcomes } = loadAll();

      expect(outcomes.every((outcome) => outcome === 'created')).toBe(true);
    });

    it('matches the expected totals', () => {
      const { files, catalog } = loadAll();
      const expected = isReferenceCatalog(files) ? REFERENCE_TOTALS : countsOfFiles(files);

      expect(countsOfState(catalog.state)).toEqual(expected);
    });

    it('matches the computed totals', () => {
      const { files, catalog } = loadAll();

      expect(countsOfState(catalog.state)).toEqual(countsOfFiles(files));
    });

    it('seeds protected resource types only', () => {
      const { catalog } = loadAll();

      expect([...catalog.state.resourceTypes()].every((type) => type.protected)).toBe(true);
    });

    it('owns everything as admin', () => {
      const { catalog } = loadAll();

      expect([...catalog.state.namespaces()].every((record) => record.owner === 'admin')).toBe(
        true,
      );
    });

    it('matches objects per namespace', () => {
      const { files, catalog } = loadAll();
      const reference = isReferenceCatalog(files);
      const expected = Object.fromEntries(
        files.map((file) => [
          file.namespace,
          reference ? (REFERENCE_OBJECT_COUNTS[file.namespace] ?? 0) : file.objects.length,
        ]),
      );

      const actual = Object.fromEntries(
        [...catalog.state.namespaces()].map((record) => [record.namespace, record.objects.length]),
      );

      expect(actual).toEqual(expected);
    });

    it('matches properties per namespace', () => {
      const { files, catalog } = loadAll();
      const reference = isReferenceCatalog(files);
      const expected = Object.fromEntries(
        files.map((file) => [
          file.namespace,
          reference
            ? REFERENCE_PROPERTY_COUNTS[file.namespace]
            : Object.keys(file.properties).length,
        ]),
      );

      const actual = Object.fromEntries(
        [...catalog.state.namespaces()].map((record) => [
          record.namespace,
          record.properties.length,
        ]),
      );

      expect(actual).toEqual(expected);
    });
  });

  describe('when loading twice without flags', () => {
    it('skips every file', () => {
      const { files, catalog } = loadAll();
      const before = countsOfState(catalog.state);

      const outcomes = files.map((file) => catalog.load(file, 'plain', SECOND_LOAD).result);

      expect(new Set(outcomes)).toEqual(new Set(['skipped']));
      expect(countsOfState(catalog.state)).toEqual(before);
    });
  });

  describe('when reloading with overwrite', () => {
    it('keeps the same totals', () => {
      const { files, catalog } = loadAll();
      const before = countsOfState(catalog.state);

      for (const file of files) catalog.load(file, 'overwrite', SECOND_LOAD);

      expect(countsOfState(catalog.state)).toEqual(before);
    });
  });
});
