import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import { SCHEMA_KINDS, schemaDocument } from './schema-documents';

// Glance's published schema samples, read at run time. Set SPEC_SAMPLES_DIR to use another copy.
const SAMPLES_DIR =
  process.env.SPEC_SAMPLES_DIR || path.resolve(__dirname, '../../../../../shared/spec/samples');

const SAMPLE_FILES: Record<string, string> = {
  namespace: 'schemas-metadef-namespace-show-response.json',
  namespaces: 'schemas-metadef-namespaces-list-response.json',
  object: 'schemas-metadef-object-show-response.json',
  objects: 'schemas-metadef-objects-list-response.json',
  property: 'schemas-metadef-property-show-response.json',
  properties: 'schemas-metadef-properties-list-response.json',
  tag: 'schemas-metadef-tag-show-response.json',
  tags: 'schemas-metadef-tags-list-response.json',
  resource_type: 'schemas-metadef-resource-type-association-show-response.json',
  resource_types: 'schemas-metadef-resource-type-associations-list-response.json',
};

const PROPERTY_MAP_NAME = 'definitions.property.additionalProperties.properties.name.maxLength';

/**
 * Paths where the samples show a name `maxLength` of 255 although current Glance generates 80.
 * The namespace `owner` limit of 255 is correct, so it is not listed.
 */
const NAME_MAX_LENGTH_PATHS: Record<string, string[]> = {
  namespace: [PROPERTY_MAP_NAME],
  namespaces: [PROPERTY_MAP_NAME],
  object: [PROPERTY_MAP_NAME, 'properties.name.maxLength'],
  objects: [PROPERTY_MAP_NAME, 'properties.objects.items.properties.name.maxLength'],
  property: ['properties.name.maxLength'],
  properties: ['properties.properties.additionalProperties.properties.name.maxLength'],
  tag: ['properties.name.maxLength'],
  tags: ['properties.tags.items.properties.name.maxLength'],
  resource_type: [],
  resource_types: [],
};

type JsonObject = Record<string, unknown>;

function loadSample(kind: string): JsonObject {
  const file = path.join(SAMPLES_DIR, SAMPLE_FILES[kind]);
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
}

/** Replaces the 255 at a dotted path with 80, and throws if the sample contains another value. */
function correctNameMaxLength(document: JsonObject, dottedPath: string): void {
  const keys = dottedPath.split('.');
  const lastKey = keys.pop() as string;
  let parent: JsonObject = document;
  for (const key of keys) {
    const child = parent[key];
    if (child === null || typeof child !== 'object') {
      throw new Error(`Sample has no object at "${key}" on path ${dottedPath}`);
    }
    parent = child as JsonObject;
  }
  if (parent[lastKey] !== 255) {
    throw new Error(`Expected 255 at ${dottedPath}, found ${JSON.stringify(parent[lastKey])}`);
  }
  parent[lastKey] = 80;
}

const samplesFound = existsSync(SAMPLES_DIR);
if (!samplesFound) {
  console.warn(
    `Skipping the sample comparison of schema documents: ${SAMPLES_DIR} does not exist. ` +
      'Set SPEC_SAMPLES_DIR to the directory with the schemas-metadef-*.json samples.',
  );
}
const describeWithSamples = samplesFound ? describe : describe.skip;

describe('schemaDocument', () => {
  it('serves the ten metadef kinds', () => {
    expect([...SCHEMA_KINDS].sort()).toEqual(Object.keys(SAMPLE_FILES).sort());
  });

  it.each(SCHEMA_KINDS)('returns the same object for %s', (kind) => {
    const document = schemaDocument(kind);
    expect(document).toBeDefined();
    expect(schemaDocument(kind)).toBe(document);
  });

  it('returns undefined for unknown kinds', () => {
    expect(schemaDocument('image')).toBeUndefined();
    expect(schemaDocument('')).toBeUndefined();
    expect(schemaDocument('toString')).toBeUndefined();
  });

  it('names resource type association documents', () => {
    expect(schemaDocument('resource_type')?.name).toBe('resource_type_association');
    expect(schemaDocument('resource_types')?.name).toBe('resource_type_associations');
  });

  it('keeps namespace owner maxLength 255', () => {
    const properties = schemaDocument('namespace')?.properties as JsonObject;
    expect(properties.owner).toMatchObject({ maxLength: 255 });
  });
});

describeWithSamples('schemaDocument against Glance samples', () => {
  it.each(Object.keys(SAMPLE_FILES))('matches the corrected %s sample', (kind) => {
    const expected = loadSample(kind);
    for (const dottedPath of NAME_MAX_LENGTH_PATHS[kind]) {
      correctNameMaxLength(expected, dottedPath);
    }

    expect(schemaDocument(kind)).toStrictEqual(expected);
  });
});
