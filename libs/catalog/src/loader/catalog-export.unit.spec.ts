import { randomUUID } from 'node:crypto';

import { Decision } from '../shared/domain/decision';
import { CatalogEvent } from '../write-model/catalog-event';
import { CatalogState } from '../write-model/catalog-state';
import { exportCatalog } from './catalog-export';
import { readCatalogFile } from './catalog-file';
import { decideLoadFile } from './load.decisions';

const LOADED_AT = new Date('2024-01-01T00:00:00Z');

/** Loads catalog file contents in order into a fresh state. */
function loaded(...contents: Record<string, unknown>[]): CatalogState {
  const state = new CatalogState();
  for (const content of contents) {
    const decision: Decision<unknown> = decideLoadFile(
      state,
      readCatalogFile(content),
      'plain',
      LOADED_AT,
    );
    const expectedVersions: Record<string, number> = {};
    for (const stream of decision.streams) expectedVersions[stream] = state.versionOf(stream);
    const start = state.position;
    state.apply({
      id: randomUUID(),
      expectedVersions,
      events: decision.events.map((event, index) => ({
        position: start + index + 1,
        event: event as CatalogEvent,
      })),
    });
  }
  return state;
}

function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

describe(exportCatalog.name, () => {
  describe('when naming files', () => {
    it('keeps letters and digits of the display name', () => {
      const state = loaded({
        namespace: uniqueName('ns'),
        display_name: 'libvirt Driver_Options 2!',
      });

      expect(exportCatalog(state).map((file) => file.fileName)).toEqual([
        'libvirtDriverOptions2.json',
      ]);
    });

    it('keeps non-ASCII letters', () => {
      const state = loaded({ namespace: uniqueName('ns'), display_name: 'Réseau µ' });

      expect(exportCatalog(state)[0].fileName).toBe('Réseauµ.json');
    });

    it('keeps file names within 255 bytes', () => {
      const state = loaded(
        { namespace: uniqueName('ns'), display_name: '中'.repeat(80) },
        {
          namespace: uniqueName('ns'),
          display_name: '中'.repeat(80),
        },
      );

      const names = exportCatalog(state).map((file) => file.fileName);

      expect(names).toEqual([`${'中'.repeat(66)}.json`, `${'中'.repeat(66)}-2.json`]);
    });

    it('falls back to the namespace name', () => {
      const state = loaded({ namespace: 'OS::Compute::Quota' });

      expect(exportCatalog(state)[0].fileName).toBe('OSComputeQuota.json');
    });

    it('falls back when the display name filters empty', () => {
      const state = loaded({ namespace: 'OS::Empty', display_name: '---' });

      expect(exportCatalog(state)[0].fileName).toBe('OSEmpty.json');
    });

    it('uses a generic name when nothing is left', () => {
      const state = loaded({ namespace: '::' });

      expect(exportCatalog(state)[0].fileName).toBe('namespace.json');
    });

    it('numbers colliding names', () => {
      const state = loaded(
        { namespace: uniqueName('a'), display_name: 'Same Name' },
        { namespace: uniqueName('b'), display_name: 'Same-Name' },
        { namespace: uniqueName('c'), display_name: 'same name' },
      );

      expect(exportCatalog(state).map((file) => file.fileName)).toEqual([
        'SameName.json',
        'SameName-2.json',
        'samename-3.json',
      ]);
    });

    it('orders files by creation', () => {
      const [first, second] = [uniqueName('z'), uniqueName('a')];
      const state = loaded({ namespace: first }, { namespace: second });

      expect(exportCatalog(state).map((file) => file.namespace)).toEqual([first, second]);
    });
  });

  describe('when writing content', () => {
    const content = {
      namespace: 'OS::Export::Sample',
      display_name: 'Sample',
      description: null,
      visibility: 'public',
      protected: true,
      owner: 'project-x',
      resource_type_associations: [{ name: 'OS::Nova::Flavor', prefix: 'hw:' }],
      properties: { cores: { title: 'Cores', type: 'integer', default: 8 } },
      objects: [
        { name: 'With', description: 'd', required: ['a'], properties: { a: { type: 'string' } } },
        { name: 'Without' },
      ],
      tags: [{ name: 'fast' }],
    };

    it('writes the catalog file keys', () => {
      const [file] = exportCatalog(loaded(content));

      expect(file.content).toEqual({
        namespace: 'OS::Export::Sample',
        display_name: 'Sample',
        description: null,
        visibility: 'public',
        protected: true,
        resource_type_associations: [
          { name: 'OS::Nova::Flavor', prefix: 'hw:', properties_target: null },
        ],
        properties: { cores: { title: 'Cores', type: 'integer', default: 8 } },
        objects: [
          {
            name: 'With',
            description: 'd',
            properties: { a: { type: 'string' } },
            required: ['a'],
          },
          { name: 'Without', description: null, properties: {} },
        ],
        tags: [{ name: 'fast' }],
      });
    });

    it('loads back to the same catalog', () => {
      const first = loaded(content);
      const [file] = exportCatalog(first);

      const second = loaded(file.content);

      expect(exportCatalog(second)).toEqual(exportCatalog(first));
    });
  });
});
