import { api, paths } from '../support/api';
import { expectError, expectSchemaError } from '../support/errors';
import { timestampPattern, uniqueName, useNamespaces } from '../support/fixtures';
import { readerA, readerB } from '../support/identities';
import { expectedFor, target } from '../support/target';

function duplicateTagMessage(tag: string, namespace: string): string {
  return (
    `A metadata tag with name=${tag} already exists in namespace=${namespace}. ` +
    '(Please note that metadata tag names are case insensitive).'
  );
}

function tagNames(body: any): string[] {
  return body.tags.map((item: any) => item.name);
}

describe('/v2/metadefs/namespaces/{namespace}/tags', () => {
  const namespaces = useNamespaces();

  async function createTags(namespace: string, names: string[]): Promise<void> {
    for (const name of names) {
      const response = await api.post(paths.tag(namespace, name));
      if (response.status !== 201) {
        throw new Error(`Creating tag ${name} failed: ${response.status} ${response.text}`);
      }
    }
  }

  describe('POST one', () => {
    it('returns 201 single tag', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.tag(ns, 'fresh'));

      expect(response.status).toBe(201);
      expect(response.headers.location).toBeUndefined();
      expect(response.json).toEqual({
        name: 'fresh',
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
      });
    });

    it('rejects duplicate name', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['twice']);

      const response = await api.post(paths.tag(ns, 'twice'));

      expectError(response, 409, duplicateTagMessage('twice', ns));
    });

    it('rejects name longer than 80', async () => {
      const { name: ns } = await namespaces.create();

      const tooLong = await api.post(paths.tag(ns, 't'.repeat(81)));
      const longest = await api.post(paths.tag(ns, 't'.repeat(80)));

      expectSchemaError(tooLong, 'tag');
      expect(longest.status).toBe(201);
    });

    it('looks up the namespace before the name', async () => {
      const ns = uniqueName('missing');

      const response = await api.post(paths.tag(ns, 't'.repeat(81)));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects 4-byte character', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.tag(ns, 'smile \u{1F600}'));

      // Glance decodes the URL path as Latin-1, so the four UTF-8 bytes of the emoji arrive
      // as four characters below U+FFFF and the tag is stored garbled.
      expect(response.status).toBe(
        expectedFor(
          { glance: 201, catalog: 400 },
          'Glance decodes path segments as Latin-1; the catalog decodes UTF-8 and sees the emoji',
        ),
      );
      if (target.isCatalog) {
        expectError(
          response,
          400,
          "Couldn't create metadata tag: Name can't contain 4 byte unicode characters.",
        );
      }
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });

      const response = await api.post(paths.tag(ns, 'x'), { as: readerA });

      expectError(response, 403, 'You are not authorized to complete add_metadef_tag action.');
    });
  });

  describe('POST bulk', () => {
    it('replaces existing tags', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['old']);

      const response = await api.post(paths.tags(ns), {
        json: { tags: [{ name: 'b' }, { name: 'a' }] },
      });
      const listed = await api.get(`${paths.tags(ns)}?sort_key=name&sort_dir=asc`);

      expect(response.status).toBe(201);
      expect(response.json).toEqual({ tags: [{ name: 'b' }, { name: 'a' }] });
      expect(tagNames(listed.json)).toEqual(['a', 'b']);
    });

    it.each(['true', 'True', 'yes', 'on', '1', 't', 'y', ' TRUE '])(
      'appends with X-Openstack-Append %p',
      async (value) => {
        const { name: ns } = await namespaces.create();
        await createTags(ns, ['old']);

        const response = await api.post(paths.tags(ns), {
          json: { tags: [{ name: 'new' }] },
          headers: { 'X-Openstack-Append': value },
        });
        const listed = await api.get(`${paths.tags(ns)}?sort_key=name&sort_dir=asc`);

        expect(response.status).toBe(201);
        expect(response.json).toEqual({ tags: [{ name: 'new' }] });
        expect(tagNames(listed.json)).toEqual(['new', 'old']);
      },
    );

    it.each(['false', 'no', '0', 'maybe'])('replaces with X-Openstack-Append %p', async (value) => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['old']);

      const response = await api.post(paths.tags(ns), {
        json: { tags: [{ name: 'new' }] },
        headers: { 'X-Openstack-Append': value },
      });
      const listed = await api.get(paths.tags(ns));

      expect(response.status).toBe(201);
      expect(tagNames(listed.json)).toEqual(['new']);
    });

    it('keeps tags for empty list', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['kept']);

      const response = await api.post(paths.tags(ns), { json: { tags: [] } });
      const listed = await api.get(paths.tags(ns));

      expect(response.status).toBe(201);
      expect(response.json).toEqual({ tags: [] });
      expect(tagNames(listed.json)).toEqual(['kept']);
    });

    it('rejects repeated name and changes nothing', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['kept']);

      const response = await api.post(paths.tags(ns), {
        json: { tags: [{ name: 'x' }, { name: 'x' }] },
      });
      const listed = await api.get(paths.tags(ns));

      expectError(response, 409, duplicateTagMessage('x', ns));
      expect(tagNames(listed.json)).toEqual(['kept']);
    });

    it('rejects appending existing name', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['kept']);

      const response = await api.post(paths.tags(ns), {
        json: { tags: [{ name: 'other' }, { name: 'kept' }] },
        headers: { 'X-Openstack-Append': 'true' },
      });
      const listed = await api.get(paths.tags(ns));

      expectError(response, 409, duplicateTagMessage('kept', ns));
      expect(tagNames(listed.json)).toEqual(['kept']);
    });

    it('replaces tags of protected namespace', async () => {
      const { name: ns } = await namespaces.create({ protected: true, tags: [{ name: 'old' }] });

      const response = await api.post(paths.tags(ns), { json: { tags: [{ name: 'new' }] } });
      const listed = await api.get(paths.tags(ns));

      expect(response.status).toBe(201);
      expect(tagNames(listed.json)).toEqual(['new']);
    });

    it.each([
      ['item with extra key', { tags: [{ name: 'a', extra: 1 }] }],
      ['item without name', { tags: [{}] }],
      ['unknown top-level key', { tags: [], extra: 1 }],
      ['tags not a list', { tags: 'a' }],
    ])('rejects %s', async (_case, body) => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.tags(ns), { json: body });

      expectSchemaError(response, 'tags');
    });

    it('rejects body without tags', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.tags(ns), { json: {} });

      expect(response.status).toBe(
        expectedFor({ glance: 500, catalog: 400 }, 'Glance reads the missing tags key unchecked'),
      );
      if (target.isCatalog) {
        expectSchemaError(response, 'tags');
      }
    });

    it('rejects created_at as read-only', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.tags(ns), {
        json: { tags: [], created_at: '2020-01-01T00:00:00Z' },
      });

      expectError(response, 403, "Attribute 'created_at' is read-only.");
    });

    it('checks name length', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.tags(ns), {
        json: { tags: [{ name: 't'.repeat(81) }] },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 201, catalog: 400 },
          'the bulk tag schema of Glance has no maxLength; the catalog limits names to 80',
        ),
      );
      if (target.isCatalog) {
        expectSchemaError(response, 'tags');
      }
    });

    it('checks 4-byte characters', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.post(paths.tags(ns), {
        json: { tags: [{ name: 'smile \u{1F600}' }] },
      });

      expect(response.status).toBe(
        expectedFor(
          { glance: 201, catalog: 400 },
          'Glance skips the 4-byte check on bulk tags; the catalog checks every write',
        ),
      );
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.post(paths.tags(ns), { json: { tags: [] } });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });

      const response = await api.post(paths.tags(ns), {
        as: readerA,
        json: { tags: [{ name: 'x' }] },
      });

      expectError(response, 403, 'You are not authorized to complete add_metadef_tags action.');
    });
  });

  describe('GET list', () => {
    it('returns newest first', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['first', 'second', 'third']);

      const response = await api.get(paths.tags(ns));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        tags: [{ name: 'third' }, { name: 'second' }, { name: 'first' }],
      });
    });

    it('returns empty list', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(paths.tags(ns));

      expect(response.json).toEqual({ tags: [] });
    });

    it('sorts by name', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['b', 'c', 'a']);

      const ascending = await api.get(`${paths.tags(ns)}?sort_key=name&sort_dir=asc`);
      const descending = await api.get(`${paths.tags(ns)}?sort_key=name`);

      expect(tagNames(ascending.json)).toEqual(['a', 'b', 'c']);
      expect(tagNames(descending.json)).toEqual(['c', 'b', 'a']);
    });

    it('sorts oldest first', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['first', 'second']);

      const response = await api.get(`${paths.tags(ns)}?sort_dir=asc`);

      expect(tagNames(response.json)).toEqual(['first', 'second']);
    });

    it('pages with limit and marker', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['a', 'b', 'c', 'd']);

      const page1 = await api.get(`${paths.tags(ns)}?sort_key=name&sort_dir=asc&limit=2`);
      const page2 = await api.get(`${paths.tags(ns)}?sort_key=name&sort_dir=asc&limit=2&marker=b`);

      expect(page1.json).toEqual({ tags: [{ name: 'a' }, { name: 'b' }] });
      expect(page2.json).toEqual({ tags: [{ name: 'c' }, { name: 'd' }] });
    });

    it('returns all tags without limit', async () => {
      const { name: ns } = await namespaces.create();
      const names = Array.from({ length: 30 }, (_unused, index) => `tag-${index}`);
      await api.post(paths.tags(ns), { json: { tags: names.map((name) => ({ name })) } });

      const response = await api.get(paths.tags(ns));

      expect(response.json.tags).toHaveLength(30);
    });

    it('returns empty page for limit 0', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['a']);

      const response = await api.get(`${paths.tags(ns)}?limit=0`);

      expect(response.status).toBe(200);
      expect(response.json).toEqual({ tags: [] });
    });

    it('ignores empty marker and visibility', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['a']);

      const response = await api.get(`${paths.tags(ns)}?marker=&visibility=shared`);

      expect(response.status).toBe(200);
      expect(tagNames(response.json)).toEqual(['a']);
    });

    it('returns 404 for unknown marker', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(`${paths.tags(ns)}?marker=nothing`);

      expectError(response, 404, 'Could not find metadata tag nothing');
    });

    it.each([
      ['limit=-1', 'limit param must be positive'],
      ['limit=abc', 'limit param must be an integer'],
      ['sort_dir=up', 'Invalid sort direction: up'],
      ['visibility=all', 'Invalid visibility value: all'],
      ['limit=-1&visibility=all', 'Invalid visibility value: all'],
      ['visibility=all&sort_dir=up', 'Invalid sort direction: up'],
    ])('rejects %s', async (query, message) => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(`${paths.tags(ns)}?${query}`);

      expectError(response, 400, message);
    });

    it('rejects unknown sort_key', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['a']);

      const response = await api.get(`${paths.tags(ns)}?sort_key=bogus`);

      expect(response.status).toBe(
        expectedFor({ glance: 500, catalog: 400 }, 'Glance passes an unknown sort key to SQL'),
      );
      if (target.isCatalog) {
        expectError(response, 400, 'Invalid sort key: bogus');
      }
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.get(paths.tags(ns));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('returns 404 for invisible namespace', async () => {
      const { name: ns } = await namespaces.create({ owner: readerB.project });

      const response = await api.get(paths.tags(ns), { as: readerA });

      expectError(response, 404, `Namespace ${ns} not found`);
    });
  });

  describe('GET one', () => {
    it('returns the tag', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['shown']);

      const response = await api.get(paths.tag(ns, 'shown'));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        name: 'shown',
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
      });
    });

    it('returns 404 for missing tag', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.get(paths.tag(ns, 'nothing'));

      expectError(response, 404, 'Could not find metadata tag nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.get(paths.tag(ns, 'x'));

      expectError(response, 404, `Namespace ${ns} not found`);
    });
  });

  describe('PUT', () => {
    it('renames the tag', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['old']);

      const response = await api.put(paths.tag(ns, 'old'), { json: { name: 'new' } });
      const old = await api.get(paths.tag(ns, 'old'));
      const renamed = await api.get(paths.tag(ns, 'new'));

      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        name: 'new',
        created_at: expect.stringMatching(timestampPattern),
        updated_at: expect.stringMatching(timestampPattern),
      });
      expectError(old, 404, 'Could not find metadata tag old');
      expect(renamed.status).toBe(200);
    });

    it('accepts the same name', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['same']);

      const response = await api.put(paths.tag(ns, 'same'), { json: { name: 'same' } });

      expect(response.status).toBe(200);
      expect(response.json.name).toBe('same');
    });

    it('returns the new updated_at', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['old']);
      const created = await api.get(paths.tag(ns, 'old'));
      await new Promise((resolve) => setTimeout(resolve, 1100));

      const response = await api.put(paths.tag(ns, 'old'), { json: { name: 'new' } });
      const shown = await api.get(paths.tag(ns, 'new'));

      expect(shown.json.updated_at).not.toBe(created.json.updated_at);
      expect(response.json.updated_at).toBe(
        expectedFor(
          { glance: created.json.updated_at, catalog: shown.json.updated_at },
          'Glance answers with the tag as loaded before the write',
        ),
      );
    });

    it('rejects rename onto existing name', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['one', 'two']);

      const response = await api.put(paths.tag(ns, 'one'), { json: { name: 'two' } });

      expectError(response, 409, duplicateTagMessage('two', ns));
    });

    it.each([
      ['missing name', {}],
      ['extra key', { name: 'x', extra: 1 }],
      ['long name', { name: 't'.repeat(81) }],
    ])('rejects %s', async (_case, body) => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['old']);

      const response = await api.put(paths.tag(ns, 'old'), { json: body });

      expectSchemaError(response, 'tag');
    });

    it('rejects 4-byte character', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['old']);

      const response = await api.put(paths.tag(ns, 'old'), { json: { name: '\u{1F600}' } });

      expectError(
        response,
        400,
        "Couldn't update metadata tag: Name can't contain 4 byte unicode characters.",
      );
    });

    it('returns 404 for missing tag', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.put(paths.tag(ns, 'nothing'), { json: { name: 'x' } });

      expectError(response, 404, 'Could not find metadata tag nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.put(paths.tag(ns, 'x'), { json: { name: 'y' } });

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });
      await createTags(ns, ['old']);

      const response = await api.put(paths.tag(ns, 'old'), {
        as: readerA,
        json: { name: 'new' },
      });

      expectError(response, 403, 'You are not authorized to complete modify_metadef_tag action.');
    });
  });

  describe('DELETE one', () => {
    it('deletes the tag only', async () => {
      const { name: ns } = await namespaces.create();
      await createTags(ns, ['gone', 'kept']);

      const response = await api.delete(paths.tag(ns, 'gone'));
      const listed = await api.get(paths.tags(ns));

      expect(response.status).toBe(204);
      expect(tagNames(listed.json)).toEqual(['kept']);
    });

    it('returns 404 for missing tag', async () => {
      const { name: ns } = await namespaces.create();

      const response = await api.delete(paths.tag(ns, 'nothing'));

      expectError(response, 404, 'Could not find metadata tag nothing');
    });

    it('returns 404 for missing namespace', async () => {
      const ns = uniqueName('missing');

      const response = await api.delete(paths.tag(ns, 'x'));

      expectError(response, 404, `Namespace ${ns} not found`);
    });

    it('rejects reader with 403', async () => {
      const { name: ns } = await namespaces.create({ visibility: 'public' });
      await createTags(ns, ['x']);

      const response = await api.delete(paths.tag(ns, 'x'), { as: readerA });

      expectError(response, 403, 'You are not authorized to complete delete_metadef_tag action.');
    });
  });
});
