/**
 * JSON-schema documents served at `GET /v2/schemas/metadefs/<kind>`, built to match what
 * Glance generates for its metadata definitions API.
 *
 * The five entity documents (namespace, object, property, tag, resource type association) are
 * written out once. The collection documents are derived from them: each one wraps its entity
 * document and moves the entity's `definitions` up to the top level, where the `$ref` pointers
 * (`#/definitions/...`) still resolve.
 */

type JsonObject = Record<string, unknown>;

/**
 * Maximum length of object, property and tag names, and of names inside a property map.
 * Current Glance generates 80 here, although the schema samples in its API reference show 255.
 */
const METADEF_NAME_MAX_LENGTH = 80;

/** The JSON-schema type names a metadef property or array item may declare, plus `null`. */
const PROPERTY_TYPE_NAMES = ['array', 'boolean', 'integer', 'number', 'object', 'string', null];

function readOnlyString(): JsonObject {
  return { type: 'string', readOnly: true };
}

function timestamp(description: string): JsonObject {
  return { type: 'string', readOnly: true, description, format: 'date-time' };
}

function stringArrayDefinition(minItems?: number): JsonObject {
  const definition: JsonObject = { type: 'array', items: { type: 'string' }, uniqueItems: true };
  if (minItems !== undefined) {
    definition.minItems = minItems;
  }
  return definition;
}

/**
 * Creates the `definitions` that the property keywords refer to. Only the property document
 * requires a non-empty `stringArray`, while namespaces and objects accept an empty one.
 */
function propertyKeywordDefinitions(stringArrayMinItems?: number): JsonObject {
  return {
    positiveInteger: { type: 'integer', minimum: 0 },
    positiveIntegerDefault0: {
      allOf: [{ $ref: '#/definitions/positiveInteger' }, { default: 0 }],
    },
    stringArray: stringArrayDefinition(stringArrayMinItems),
  };
}

/**
 * Creates the JSON-schema keywords a metadef property definition may contain. The property
 * document uses them as its `properties`, and the `property` definition of namespaces and
 * objects uses them for every value of its map.
 */
function propertyDefinitionKeywords(): JsonObject {
  return {
    name: { type: 'string', maxLength: METADEF_NAME_MAX_LENGTH },
    title: { type: 'string' },
    description: { type: 'string' },
    operators: { type: 'array', items: { type: 'string' } },
    type: { type: 'string', enum: [...PROPERTY_TYPE_NAMES] },
    required: { $ref: '#/definitions/stringArray' },
    minimum: { type: 'number' },
    maximum: { type: 'number' },
    maxLength: { $ref: '#/definitions/positiveInteger' },
    minLength: { $ref: '#/definitions/positiveIntegerDefault0' },
    pattern: { type: 'string', format: 'regex' },
    enum: { type: 'array' },
    readonly: { type: 'boolean' },
    default: {},
    items: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: [...PROPERTY_TYPE_NAMES] },
        enum: { type: 'array' },
      },
    },
    maxItems: { $ref: '#/definitions/positiveInteger' },
    minItems: { $ref: '#/definitions/positiveIntegerDefault0' },
    uniqueItems: { type: 'boolean', default: false },
    additionalItems: { type: 'boolean' },
  };
}

/**
 * Creates the `definitions` of the namespace and object documents. The `property` definition
 * is a map from property name to property definition, referenced as `#/definitions/property`.
 */
function propertyMapDefinitions(): JsonObject {
  return {
    ...propertyKeywordDefinitions(),
    property: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['title', 'type'],
        properties: propertyDefinitionKeywords(),
      },
    },
  };
}

function buildNamespaceDocument(): JsonObject {
  return {
    name: 'namespace',
    properties: {
      namespace: {
        type: 'string',
        description: 'The unique namespace text.',
        maxLength: 80,
      },
      display_name: {
        type: 'string',
        description: 'The user friendly name for the namespace. Used by UI if available.',
        maxLength: 80,
      },
      description: {
        type: 'string',
        description: 'Provides a user friendly description of the namespace.',
        maxLength: 500,
      },
      visibility: {
        type: 'string',
        description: 'Scope of namespace accessibility.',
        enum: ['public', 'private'],
      },
      protected: {
        type: 'boolean',
        description: 'If true, namespace will not be deletable.',
      },
      owner: {
        type: 'string',
        description: 'Owner of the namespace.',
        maxLength: 255,
      },
      created_at: timestamp('Date and time of namespace creation'),
      updated_at: timestamp('Date and time of the last namespace modification'),
      schema: readOnlyString(),
      self: readOnlyString(),
      resource_type_associations: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            prefix: { type: 'string' },
            properties_target: { type: 'string' },
          },
        },
      },
      properties: { $ref: '#/definitions/property' },
      objects: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            description: { type: 'string' },
            required: { $ref: '#/definitions/stringArray' },
            properties: { $ref: '#/definitions/property' },
          },
        },
      },
      tags: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
          },
        },
      },
    },
    additionalProperties: false,
    required: ['namespace'],
    definitions: propertyMapDefinitions(),
  };
}

function buildObjectDocument(): JsonObject {
  return {
    name: 'object',
    properties: {
      name: { type: 'string', maxLength: METADEF_NAME_MAX_LENGTH },
      description: { type: 'string' },
      required: { $ref: '#/definitions/stringArray' },
      properties: { $ref: '#/definitions/property' },
      schema: readOnlyString(),
      self: readOnlyString(),
      created_at: timestamp('Date and time of object creation'),
      updated_at: timestamp('Date and time of the last object modification'),
    },
    additionalProperties: false,
    required: ['name'],
    definitions: propertyMapDefinitions(),
  };
}

function buildPropertyDocument(): JsonObject {
  return {
    name: 'property',
    properties: propertyDefinitionKeywords(),
    additionalProperties: false,
    required: ['type', 'title', 'name'],
    definitions: propertyKeywordDefinitions(1),
  };
}

function buildTagDocument(): JsonObject {
  return {
    name: 'tag',
    properties: {
      name: { type: 'string', maxLength: METADEF_NAME_MAX_LENGTH },
      created_at: timestamp('Date and time of tag creation'),
      updated_at: timestamp('Date and time of the last tag modification'),
    },
    additionalProperties: false,
    required: ['name'],
  };
}

function buildResourceTypeAssociationDocument(): JsonObject {
  return {
    name: 'resource_type_association',
    properties: {
      name: {
        type: 'string',
        description:
          'Resource type names should be aligned with Heat resource types whenever possible: ' +
          'https://docs.openstack.org/heat/latest/template_guide/openstack.html',
        maxLength: 80,
      },
      prefix: {
        type: 'string',
        description:
          'Specifies the prefix to use for the given resource type. Any properties in the ' +
          'namespace should be prefixed with this prefix when being applied to the specified ' +
          'resource type. Must include prefix separator (e.g. a colon :).',
        maxLength: 80,
      },
      // The double space after "per instance." is part of Glance's text.
      properties_target: {
        type: 'string',
        description:
          'Some resource types allow more than one key / value pair per instance.  For ' +
          'example, Cinder allows user and image metadata on volumes. Only the image ' +
          'properties metadata is evaluated by Nova (scheduling or drivers). This property ' +
          'allows a namespace target to remove the ambiguity.',
        maxLength: 80,
      },
      created_at: timestamp('Date and time of resource type association'),
      updated_at: timestamp('Date and time of the last resource type association modification'),
    },
    additionalProperties: false,
    required: ['name'],
  };
}

/**
 * Splits an entity document into its `definitions` (if any) and the rest, so that a
 * collection document can embed the rest and carry the definitions at its own top level.
 */
function hoistDefinitions(entity: JsonObject): { body: JsonObject; definitions?: unknown } {
  const { definitions, ...body } = entity;
  return { body, definitions };
}

/**
 * Wraps a collection's member schema with the pagination fields and link templates that
 * Glance adds to every collection document, whether or not the route paginates.
 */
function collectionDocument(
  name: string,
  memberSchema: JsonObject,
  definitions: unknown,
): JsonObject {
  const document: JsonObject = {
    name,
    properties: {
      [name]: memberSchema,
      first: { type: 'string' },
      next: { type: 'string' },
      schema: { type: 'string' },
    },
    links: [
      { rel: 'first', href: '{first}' },
      { rel: 'next', href: '{next}' },
      { rel: 'describedby', href: '{schema}' },
    ],
  };
  if (definitions !== undefined) {
    document.definitions = definitions;
  }
  return document;
}

/** Builds a list document whose collection field is an array of `entity` documents. */
function listDocument(name: string, entity: JsonObject): JsonObject {
  const { body, definitions } = hoistDefinitions(entity);
  return collectionDocument(name, { type: 'array', items: body }, definitions);
}

/**
 * Builds the `properties` document, whose collection field is a map from property name to
 * property document. Map values must not repeat the name, so only `type` and `title` stay
 * required.
 */
function propertyMapDocument(property: JsonObject): JsonObject {
  const { body, definitions } = hoistDefinitions(property);
  const mapValue = { ...body, required: ['type', 'title'] };
  return collectionDocument(
    'properties',
    { type: 'object', additionalProperties: mapValue },
    definitions,
  );
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}

function buildSchemaDocuments(): ReadonlyMap<string, JsonObject> {
  const namespace = buildNamespaceDocument();
  const object = buildObjectDocument();
  const property = buildPropertyDocument();
  const tag = buildTagDocument();
  const resourceTypeAssociation = buildResourceTypeAssociationDocument();

  const documents = new Map<string, JsonObject>([
    ['namespace', namespace],
    ['namespaces', listDocument('namespaces', namespace)],
    ['object', object],
    ['objects', listDocument('objects', object)],
    ['property', property],
    ['properties', propertyMapDocument(property)],
    ['tag', tag],
    ['tags', listDocument('tags', tag)],
    ['resource_type', resourceTypeAssociation],
    ['resource_types', listDocument('resource_type_associations', resourceTypeAssociation)],
  ]);
  for (const document of documents.values()) {
    deepFreeze(document);
  }
  return documents;
}

/** Documents by URL kind. They are built once and frozen, because every request shares them. */
const SCHEMA_DOCUMENTS = buildSchemaDocuments();

/** The `<kind>` segments served under `/v2/schemas/metadefs/`. */
export const SCHEMA_KINDS: readonly string[] = Object.freeze([...SCHEMA_DOCUMENTS.keys()]);

/**
 * Returns the schema document for a URL kind such as `namespaces` or `resource_type`, or
 * `undefined` for an unknown kind. Every call for a kind returns the same frozen object.
 */
export function schemaDocument(kind: string): Record<string, unknown> | undefined {
  return SCHEMA_DOCUMENTS.get(kind);
}
