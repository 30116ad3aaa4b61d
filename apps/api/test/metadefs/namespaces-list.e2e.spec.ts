import { api, paths } from '../support/api';
import { expectError } from '../support/errors';
import {
  timestampPattern,
  uniqueName,
  uniqueResourceType,
  useNamespaces,
} from '../support/fixtures';
import { admin, memberOnlyA, readerA, readerB } from '../support/identities';
import { formEncode } from '../support/links';
import { jsonContentType } from '../support/http-client';
import { expectedFor, target } from '../support/target';

// Every test lists only the namespaces associated with its own resource type, so namespaces
// that other tests or the loaded catalog hold never appear in the pages.
describe('GET /v2/metadefs/namespaces', () => {
  const namespaces = useNamespaces();

  async function createListed(
    resourceType: string,
    body: Record<string, unknown> = {},
    as = admin,
  ): Promise<string> {
    const { name } = await namespaces.create(
      { resource_type_associations: [{ name: resourceType }], ...body },
      as,
    );
    return name;
  }

  function list(pairs: Array<[string, string]>, as = admin) {
    return api.get(`${paths.namespaces}?${formEncode(pairs)}`, { as });
  }

  function listedNames(body: any): string[] {
    return body.namespaces.map((item: any) => item.namespace);
  }

  describe('when listing without options', () => {
    it('returns newest first', async () => {
      const resourceType = uniqueResourceType();
      const first = await createListed(resourceType);
      const second = await createListed(resourceType);
      const third = await createListed(resourceType);

      const response = await list([['resource_types', resourceType]]);

      expect(response.status).toBe(200);
      expect(listedNames(response.json)).toEqual([third, second, first]);
    });

    it('returns summaries with associations', async () => {
      const resourceType = uniqueResourceType();
      const { name } = await namespaces.create({
        display_name: 'Summary',
        description: 'listed namespace',
        visibility: 'public',
        resource_type_associations: [{ name: resourceType, prefix: 'p_', properties_target: 't' }],
        properties: { size: { title: 'Size', type: 'integer' } },
        objects: [{ name: 'thing' }],
        tags: [{ name: 'tag' }],
      });

      const response = await list([['resource_types', resourceType]]);

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(jsonContentType);
      expect(response.json.namespaces).toHaveLength(1);
      const item = response.json.namespaces[0];
      expect(item).toEqual({
        namespace: name,
        display_name: 'Summary',
        description: 'listed namespace',
        visibility: 'public',
        protected: false,
        owner: admin.project,
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
        resource_type_associations: [
          {
            name: resourceType,
            prefix: 'p_',
            properties_target: 't',
            created_at: expect.stringMatching(timestampPattern),
            updated_at: expect.stringMatching(timestampPattern),
          },
        ],
        self: `/v2/metadefs/namespaces/${name}`,
        schema: '/v2/schemas/metadefs/namespace',
      });
    });

    it('returns schema and first links', async () => {
      const resourceType = uniqueResourceType();
      await createListed(resourceType);

      const response = await list([['resource_types', resourceType]]);

      expect(response.json.schema).toBe('/v2/schemas/metadefs/namespaces');
      expect(response.json.first).toBe(
        `/v2/metadefs/namespaces?${formEncode([['resource_types', resourceType]])}`,
      );
      expect(response.json).not.toHaveProperty('next');
    });

    it('returns bare first link without query', async () => {
      const response = await api.get(paths.namespaces);

      expect(response.status).toBe(200);
      expect(response.json.first).toBe('/v2/metadefs/namespaces');
      expect(response.json.schema).toBe('/v2/schemas/metadefs/namespaces');
    });

    it('returns 25 items by default', async () => {
      const resourceType = uniqueResourceType();
      const created: string[] = [];
      for (let index = 0; index < 26; index++) {
        created.push(await createListed(resourceType));
      }

      const response = await list([['resource_types', resourceType]]);

      expect(response.status).toBe(200);
      expect(listedNames(response.json)).toEqual(created.slice(1).reverse());
      expect(response.json.next).toBe(
        `/v2/metadefs/namespaces?${formEncode([
          ['resource_types', resourceType],
          ['marker', created[1]],
        ])}`,
      );
    });
  });

  describe('when filtering', () => {
    it('keeps namespaces of any listed resource type', async () => {
      const typeA = uniqueResourceType();
      const typeB = uniqueResourceType();
      const typeC = uniqueResourceType();
      const inA = await createListed(typeA);
      const inB = await createListed(typeB);
      await createListed(typeC);

      const response = await list([
        ['resource_types', `${typeA},${typeB}`],
        ['sort_dir', 'asc'],
      ]);

      expect(response.status).toBe(200);
      expect(listedNames(response.json)).toEqual([inA, inB]);
    });

    it('does not trim resource type names', async () => {
      const typeA = uniqueResourceType();
      const typeB = uniqueResourceType();
      const inA = await createListed(typeA);
      await createListed(typeB);

      const response = await list([['resource_types', `${typeA}, ${typeB}`]]);

      expect(listedNames(response.json)).toEqual([inA]);
    });

    it('returns empty list for unknown resource type', async () => {
      const response = await list([['resource_types', uniqueResourceType()]]);

      expect(response.status).toBe(200);
      expect(response.json.namespaces).toEqual([]);
    });

    it('keeps only public namespaces', async () => {
      const resourceType = uniqueResourceType();
      const publicName = await createListed(resourceType, { visibility: 'public' });
      await createListed(resourceType, { visibility: 'private' });

      const response = await list([
        ['resource_types', resourceType],
        ['visibility', 'public'],
      ]);

      expect(response.status).toBe(200);
      expect(listedNames(response.json)).toEqual([publicName]);
    });

    it('keeps only private namespaces', async () => {
      const resourceType = uniqueResourceType();
      await createListed(resourceType, { visibility: 'public' });
      const privateName = await createListed(resourceType, { visibility: 'private' });

      const response = await list([
        ['resource_types', resourceType],
        ['visibility', 'private'],
      ]);

      expect(listedNames(response.json)).toEqual([privateName]);
    });
  });

  describe('when sorting', () => {
    it('sorts ascending by creation', async () => {
      const resourceType = uniqueResourceType();
      const first = await createListed(resourceType);
      const second = await createListed(resourceType);

      const response = await list([
        ['resource_types', resourceType],
        ['sort_dir', 'asc'],
      ]);

      expect(listedNames(response.json)).toEqual([first, second]);
    });

    it('sorts by namespace name', async () => {
      const resourceType = uniqueResourceType();
      const stem = uniqueName('sort');
      const nameB = await createListed(resourceType, { namespace: `${stem}-b` });
      const nameC = await createListed(resourceType, { namespace: `${stem}-c` });
      const nameA = await createListed(resourceType, { namespace: `${stem}-a` });

      const ascending = await list([
        ['resource_types', resourceType],
        ['sort_key', 'namespace'],
        ['sort_dir', 'asc'],
      ]);
      const descending = await list([
        ['resource_types', resourceType],
        ['sort_key', 'namespace'],
      ]);

      expect(listedNames(ascending.json)).toEqual([nameA, nameB, nameC]);
      expect(listedNames(descending.json)).toEqual([nameC, nameB, nameA]);
    });

    it('sorts by display_name', async () => {
      const resourceType = uniqueResourceType();
      const second = await createListed(resourceType, { display_name: 'b' });
      const first = await createListed(resourceType, { display_name: 'a' });

      const response = await list([
        ['resource_types', resourceType],
        ['sort_key', 'display_name'],
        ['sort_dir', 'asc'],
      ]);

      expect(listedNames(response.json)).toEqual([first, second]);
    });

    it.each([
      'namespace',
      'display_name',
      'description',
      'visibility',
      'protected',
      'owner',
      'created_at',
      'updated_at',
    ])('accepts sort_key %s', async (sortKey) => {
      const resourceType = uniqueResourceType();
      await createListed(resourceType);

      const response = await list([
        ['resource_types', resourceType],
        ['sort_key', sortKey],
      ]);

      expect(response.status).toBe(200);
      expect(response.json.namespaces).toHaveLength(1);
    });
  });

  describe('when paginating', () => {
    it('follows next links to the end', async () => {
      const resourceType = uniqueResourceType();
      const first = await createListed(resourceType);
      const second = await createListed(resourceType);
      const third = await createListed(resourceType);

      const page1 = await list([
        ['resource_types', resourceType],
        ['limit', '2'],
      ]);
      const page2 = await api.get(page1.json.next);

      expect(listedNames(page1.json)).toEqual([third, second]);
      expect(page1.json.first).toBe(
        `/v2/metadefs/namespaces?${formEncode([
          ['resource_types', resourceType],
          ['limit', '2'],
        ])}`,
      );
      expect(page1.json.next).toBe(
        `/v2/metadefs/namespaces?${formEncode([
          ['resource_types', resourceType],
          ['limit', '2'],
          ['marker', second],
        ])}`,
      );
      expect(page2.status).toBe(200);
      expect(listedNames(page2.json)).toEqual([first]);
      expect(page2.json.first).toBe(page1.json.first);
      expect(page2.json).not.toHaveProperty('next');
    });

    it('links full last page to empty page', async () => {
      const resourceType = uniqueResourceType();
      const oldest = await createListed(resourceType);
      await createListed(resourceType);

      const page1 = await list([
        ['resource_types', resourceType],
        ['limit', '2'],
      ]);
      const page2 = await api.get(page1.json.next);

      expect(page1.json.namespaces).toHaveLength(2);
      expect(page1.json.next).toBe(
        `/v2/metadefs/namespaces?${formEncode([
          ['resource_types', resourceType],
          ['limit', '2'],
          ['marker', oldest],
        ])}`,
      );
      expect(page2.status).toBe(200);
      expect(page2.json.namespaces).toEqual([]);
      expect(page2.json).not.toHaveProperty('next');
    });

    it('starts after the marker in sort order', async () => {
      const resourceType = uniqueResourceType();
      const first = await createListed(resourceType);
      const second = await createListed(resourceType);
      const third = await createListed(resourceType);

      const descending = await list([
        ['resource_types', resourceType],
        ['marker', third],
      ]);
      const ascending = await list([
        ['resource_types', resourceType],
        ['sort_dir', 'asc'],
        ['marker', first],
      ]);

      expect(listedNames(descending.json)).toEqual([second, first]);
      expect(listedNames(ascending.json)).toEqual([second, third]);
    });

    it('copies unknown parameters into links', async () => {
      const resourceType = uniqueResourceType();
      await createListed(resourceType);
      const newest = await createListed(resourceType);

      const response = await api.get(
        `${paths.namespaces}?limit=1&sort_dir=desc&foo=a%20b&resource_types=${encodeURIComponent(resourceType)}`,
      );

      const expectedQuery = formEncode([
        ['limit', '1'],
        ['sort_dir', 'desc'],
        ['foo', 'a b'],
        ['resource_types', resourceType],
      ]);
      expect(response.status).toBe(200);
      expect(response.json.first).toBe(`/v2/metadefs/namespaces?${expectedQuery}`);
      expect(response.json.next).toBe(
        `/v2/metadefs/namespaces?${expectedQuery}&${formEncode([['marker', newest]])}`,
      );
    });

    it('pages by first repeated value, links by last', async () => {
      const resourceType = uniqueResourceType();
      const oldest = await createListed(resourceType);
      const newest = await createListed(resourceType);

      // Glance reads a repeated parameter's first value for processing, while its links
      // carry the last value at the position of the first occurrence.
      const response = await api.get(
        `${paths.namespaces}?limit=5&resource_types=${encodeURIComponent(resourceType)}&limit=1`,
      );

      expect(listedNames(response.json)).toEqual([newest, oldest]);
      expect(response.json.first).toBe(
        `/v2/metadefs/namespaces?${formEncode([
          ['limit', '1'],
          ['resource_types', resourceType],
        ])}`,
      );
    });

    it('validates first repeated sort_dir', async () => {
      const accepted = await api.get(`${paths.namespaces}?sort_dir=asc&sort_dir=bogus&limit=1`);
      const rejected = await api.get(`${paths.namespaces}?sort_dir=bogus&sort_dir=asc&limit=1`);

      expect(accepted.status).toBe(200);
      expectError(rejected, 400, 'Invalid sort direction: bogus');
    });

    it('returns empty page for limit 0', async () => {
      const resourceType = uniqueResourceType();
      await createListed(resourceType);

      const response = await list([
        ['resource_types', resourceType],
        ['limit', '0'],
      ]);

      expect(response.status).toBe(200);
      expect(response.json.namespaces).toEqual([]);
      // Glance adds `next` only to a non-empty full page.
      expect(response.json).not.toHaveProperty('next');
    });

    it('accepts limit above 1000', async () => {
      const resourceType = uniqueResourceType();
      await createListed(resourceType);

      const response = await list([
        ['resource_types', resourceType],
        ['limit', '5000'],
      ]);

      expect(response.status).toBe(200);
      expect(response.json.namespaces).toHaveLength(1);
    });
  });

  describe('when the marker is invalid', () => {
    it('rejects unknown marker with 404', async () => {
      const marker = uniqueName('missing');

      const response = await list([['marker', marker]]);

      expectError(response, 404, `Metadata definition namespace=${marker} was not found.`);
    });

    it('rejects marker of invisible namespace', async () => {
      const { name } = await namespaces.create({ visibility: 'private', owner: readerB.project });

      const response = await list([['marker', name]], readerA);

      expectError(
        response,
        expectedFor(
          { glance: 403, catalog: 404 },
          'Glance reveals that an invisible namespace exists',
        ),
        expectedFor(
          {
            glance: `Forbidding request, metadata definition namespace=${name} is not visible.`,
            catalog: `Metadata definition namespace=${name} was not found.`,
          },
          'the catalog reports an invisible marker namespace like a missing one',
        ),
      );
    });

    it('handles empty marker', async () => {
      const resourceType = uniqueResourceType();
      const name = await createListed(resourceType);

      const response = await list([
        ['resource_types', resourceType],
        ['marker', ''],
      ]);

      if (target.isGlance || response.status === 404) {
        expectError(response, 404, 'Metadata definition namespace not found for id=');
      } else {
        // The catalog may treat an empty marker as absent instead.
        expect(response.status).toBe(200);
        expect(listedNames(response.json)).toEqual([name]);
      }
    });
  });

  describe('when query parameters are invalid', () => {
    it('rejects negative limit', async () => {
      const response = await list([['limit', '-1']]);

      expectError(response, 400, 'limit param must be positive');
    });

    it('rejects non-integer limit', async () => {
      const response = await list([['limit', 'abc']]);

      expect(response.status).toBe(
        expectedFor({ glance: 500, catalog: 400 }, 'Glance fails converting limit with int()'),
      );
      if (target.isCatalog) {
        expectError(response, 400, 'limit param must be an integer');
      }
    });

    it('rejects unknown sort_dir', async () => {
      const response = await list([['sort_dir', 'up']]);

      expectError(response, 400, 'Invalid sort direction: up');
    });

    it('rejects unknown sort_key', async () => {
      const response = await list([['sort_key', 'bogus']]);

      expect(response.status).toBe(
        expectedFor({ glance: 500, catalog: 400 }, 'Glance passes an unknown sort key to SQL'),
      );
      if (target.isCatalog) {
        expectError(response, 400, 'Invalid sort key: bogus');
      }
    });

    it('rejects visibility shared', async () => {
      const response = await list([['visibility', 'shared']]);

      expectError(response, 400, 'Invalid visibility value: shared');
    });

    it('checks sort_dir before limit sign', async () => {
      const response = await list([
        ['limit', '-1'],
        ['sort_dir', 'up'],
      ]);

      expectError(response, 400, 'Invalid sort direction: up');
    });

    it('checks sort_dir before visibility', async () => {
      const response = await list([
        ['visibility', 'bogus'],
        ['sort_dir', 'up'],
      ]);

      expectError(response, 400, 'Invalid sort direction: up');
    });

    it('checks visibility before limit sign', async () => {
      const response = await list([
        ['limit', '-5'],
        ['visibility', 'bogus'],
      ]);

      expectError(response, 400, 'Invalid visibility value: bogus');
    });

    it('checks query before the marker', async () => {
      const response = await list([
        ['marker', uniqueName('missing')],
        ['sort_dir', 'sideways'],
      ]);

      expectError(response, 400, 'Invalid sort direction: sideways');
    });
  });

  describe('when callers differ', () => {
    it('shows reader public and own namespaces', async () => {
      const resourceType = uniqueResourceType();
      const publicOfB = await createListed(resourceType, {
        visibility: 'public',
        owner: readerB.project,
      });
      const privateOfA = await createListed(resourceType, {
        visibility: 'private',
        owner: readerA.project,
      });
      await createListed(resourceType, { visibility: 'private', owner: readerB.project });

      const response = await list(
        [
          ['resource_types', resourceType],
          ['sort_dir', 'asc'],
        ],
        readerA,
      );

      expect(response.status).toBe(200);
      expect(listedNames(response.json)).toEqual([publicOfB, privateOfA]);
    });

    it('shows admin every namespace', async () => {
      const resourceType = uniqueResourceType();
      const ofA = await createListed(resourceType, { owner: readerA.project });
      const ofB = await createListed(resourceType, { owner: readerB.project });

      const response = await list([
        ['resource_types', resourceType],
        ['sort_dir', 'asc'],
      ]);

      expect(listedNames(response.json)).toEqual([ofA, ofB]);
    });

    it('hides the list from member-only caller', async () => {
      const response = await api.get(paths.namespaces, { as: memberOnlyA });

      expectError(response, 404, 'The resource could not be found.');
    });
  });
});
