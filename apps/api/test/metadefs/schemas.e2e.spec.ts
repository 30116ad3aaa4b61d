import * as fs from 'node:fs';
import * as path from 'node:path';
import { api, paths } from '../support/api';
import { expectError } from '../support/errors';
import { jsonContentType } from '../support/http-client';
import { anonymous, memberOnlyA } from '../support/identities';
import { repositoryRoot } from '../support/repository';

/**
 * Glance's api-ref schema samples, read at run time from SPEC_SAMPLES_DIR (default: the
 * behaviour specification's samples folder beside this repository).
 */
const samplesDir =
  process.env.SPEC_SAMPLES_DIR ?? path.resolve(repositoryRoot, '../shared/spec/samples');
const samplesFound = fs.existsSync(samplesDir);

/**
 * Schema documents with their sample file and the `name` limits to correct. The samples show
 * `maxLength: 255` for names, but the documents Glance 25 serves (and validates with) limit
 * names to 80. The `owner` field keeps its limit of 255.
 */
const documents: Array<{ kind: string; sample: string; nameLimits: string[][] }> = [
  {
    kind: 'namespace',
    sample: 'schemas-metadef-namespace-show-response.json',
    nameLimits: [['definitions', 'property', 'additionalProperties', 'properties', 'name']],
  },
  {
    kind: 'namespaces',
    sample: 'schemas-metadef-namespaces-list-response.json',
    nameLimits: [['definitions', 'property', 'additionalProperties', 'properties', 'name']],
  },
  {
    kind: 'object',
    sample: 'schemas-metadef-object-show-response.json',
    nameLimits: [
      ['definitions', 'property', 'additionalProperties', 'properties', 'name'],
      ['properties', 'name'],
    ],
  },
  {
    kind: 'objects',
    sample: 'schemas-metadef-objects-list-response.json',
    nameLimits: [
      ['definitions', 'property', 'additionalProperties', 'properties', 'name'],
      ['properties', 'objects', 'items', 'properties', 'name'],
    ],
  },
  {
    kind: 'property',
    sample: 'schemas-metadef-property-show-response.json',
    nameLimits: [['properties', 'name']],
  },
  {
    kind: 'properties',
    sample: 'schemas-metadef-properties-list-response.json',
    nameLimits: [['properties', 'properties', 'additionalProperties', 'properties', 'name']],
  },
  {
    kind: 'tag',
    sample: 'schemas-metadef-tag-show-response.json',
    nameLimits: [['properties', 'name']],
  },
  {
    kind: 'tags',
    sample: 'schemas-metadef-tags-list-response.json',
    nameLimits: [['properties', 'tags', 'items', 'properties', 'name']],
  },
  {
    kind: 'resource_type',
    sample: 'schemas-metadef-resource-type-association-show-response.json',
    nameLimits: [],
  },
  {
    kind: 'resource_types',
    sample: 'schemas-metadef-resource-type-associations-list-response.json',
    nameLimits: [],
  },
];

/** Reads a sample and sets maxLength 80 at each listed path, which must hold 255. */
function expectedDocument(sample: string, nameLimits: string[][]): any {
  const document = JSON.parse(fs.readFileSync(path.join(samplesDir, sample), 'utf8'));
  for (const keys of nameLimits) {
    let node = document;
    for (const key of keys) {
      node = node[key];
    }
    if (node?.maxLength !== 255) {
      throw new Error(`${sample}: expected maxLength 255 at ${keys.join('.')}`);
    }
    node.maxLength = 80;
  }
  return document;
}

const describeWithSamples = samplesFound ? describe : describe.skip;
const samplesTitle = samplesFound
  ? 'GET /v2/schemas/metadefs/{kind}'
  : `GET /v2/schemas/metadefs/{kind} (skipped: no samples at ${samplesDir}; set SPEC_SAMPLES_DIR)`;

describeWithSamples(samplesTitle, () => {
  it.each(documents)('returns the $kind document', async ({ kind, sample, nameLimits }) => {
    const response = await api.get(paths.schema(kind));

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(jsonContentType);
    expect(response.json).toEqual(expectedDocument(sample, nameLimits));
  });
});

describe('schema routes', () => {
  it.each(documents.map((document) => document.kind))(
    'serves %s to member-only caller',
    async (kind) => {
      const response = await api.get(paths.schema(kind), { as: memberOnlyA });

      expect(response.status).toBe(200);
    },
  );

  it('ignores query parameters', async () => {
    const plain = await api.get(paths.schema('tag'));
    const withQuery = await api.get(`${paths.schema('tag')}?limit=abc&foo=1`);

    expect(withQuery.status).toBe(200);
    expect(withQuery.json).toEqual(plain.json);
  });

  it('rejects a body', async () => {
    const response = await api.get(paths.schema('namespace'), { json: {} });

    expectError(response, 400, 'A body is not expected with this request.');
  });

  it('requires authentication', async () => {
    const response = await api.get(paths.schema('namespace'), { as: anonymous });

    expect(response.status).toBe(401);
  });

  it('returns 404 for unknown kind', async () => {
    const response = await api.get(paths.schema('widgets'));

    expectError(response, 404, 'The resource could not be found.');
  });
});
