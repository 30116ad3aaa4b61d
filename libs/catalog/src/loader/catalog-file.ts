import { hasFourByteCharacters } from '../shared/domain/four-byte';
import { JsonObject, MAX_JSON_DEPTH, findJsonProblem, isJsonObject } from '../shared/domain/json';
import { NameProblem, RESERVED_NAME, findNameProblem } from '../shared/domain/names';

/** An association as a catalog file gives it. */
export interface FileAssociation {
  readonly name: string;
  readonly prefix: string | null;
  readonly properties_target: string | null;
}

/** An object as a catalog file gives it; definitions stay verbatim. */
export interface FileObject {
  readonly name: string;
  readonly description: string | null;
  readonly required: readonly string[];
  readonly properties: JsonObject;
}

/**
 * One catalog file: a namespace with its children, as `glance-manage db_load_metadefs` reads
 * it. Absent `visibility` and `protected` stay null; an absent `owner` becomes `admin`.
 */
export interface CatalogFile {
  readonly namespace: string;
  readonly display_name: string | null;
  readonly description: string | null;
  readonly visibility: string | null;
  readonly protected: boolean | null;
  readonly owner: string;
  readonly resource_type_associations: readonly FileAssociation[];
  readonly properties: JsonObject;
  readonly objects: readonly FileObject[];
  readonly tags: readonly string[];
}

/** A catalog file whose content the loader cannot use; the file is skipped. */
export class CatalogFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogFileError';
  }
}

/**
 * Reads a parsed catalog file, checking the types of the keys the loader uses. Unknown
 * top-level keys are ignored, as Glance's loader ignores them; property definitions are not
 * validated, because the loader stores them verbatim.
 */
export function readCatalogFile(content: unknown): CatalogFile {
  if (!isJsonObject(content)) throw new CatalogFileError('the file is not a JSON object');
  const problem = findJsonProblem(content);
  if (problem === 'too_deep') {
    throw new CatalogFileError(
      `the file nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
    );
  }
  if (problem === 'lone_surrogate') {
    throw new CatalogFileError('the file has a string with an unpaired UTF-16 surrogate escape');
  }
  const namespace = content.namespace;
  if (typeof namespace !== 'string' || namespace.length === 0) {
    throw new CatalogFileError('"namespace" must be a non-empty string');
  }
  checkName(namespace, 'namespace');
  checkNumbers(content, '');
  return {
    namespace,
    display_name: optionalString(content, 'display_name'),
    description: optionalString(content, 'description'),
    visibility: optionalString(content, 'visibility'),
    protected: optionalBoolean(content, 'protected'),
    owner: optionalString(content, 'owner') ?? 'admin',
    resource_type_associations: list(content, 'resource_type_associations').map((item, index) => {
      const where = `resource_type_associations[${index}]`;
      return {
        name: checkName(requiredString(item, 'name', where), `${where}.name`),
        prefix: optionalString(item, 'prefix', where),
        properties_target: optionalString(item, 'properties_target', where),
      };
    }),
    properties: definitionMap(content.properties, 'properties'),
    objects: list(content, 'objects').map((item, index) => {
      const where = `objects[${index}]`;
      return {
        name: checkName(requiredString(item, 'name', where), `${where}.name`),
        description: optionalString(item, 'description', where),
        required: stringList(item.required, `${where}.required`),
        properties: definitionMap(item.properties, `${where}.properties`),
      };
    }),
    tags: list(content, 'tags').map((item, index) =>
      checkName(requiredString(item, 'name', `tags[${index}]`), `tags[${index}].name`),
    ),
  };
}

function optionalString(object: JsonObject, key: string, where = ''): string | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new CatalogFileError(`"${path(where, key)}" must be a string`);
  return value;
}

function requiredString(object: JsonObject, key: string, where: string): string {
  const value = optionalString(object, key, where);
  if (value === null) throw new CatalogFileError(`"${path(where, key)}" is required`);
  return value;
}

function optionalBoolean(object: JsonObject, key: string): boolean | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new CatalogFileError(`"${key}" must be true or false`);
  return value;
}

function list(object: JsonObject, key: string): JsonObject[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isJsonObject)) {
    throw new CatalogFileError(`"${key}" must be a list of objects`);
  }
  return value as JsonObject[];
}

function definitionMap(value: unknown, where: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value) || !Object.values(value).every(isJsonObject)) {
    throw new CatalogFileError(`"${where}" must map names to property definitions`);
  }
  for (const name of Object.keys(value)) checkName(name, `${where}.${name}`);
  return value;
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new CatalogFileError(`"${where}" must be a list of strings`);
  }
  return value as string[];
}

function path(where: string, key: string): string {
  return where ? `${where}.${key}` : key;
}

const NAME_PROBLEM_TEXTS: Readonly<Record<NameProblem, string>> = {
  empty: 'is an empty name',
  slash: "is a name with '/'",
  reserved: `is '${RESERVED_NAME}', which cannot be a name`,
};

/**
 * Checks a name against the rules the API applies to names, including no 4-byte UTF-8
 * characters, which Glance rejects.
 */
function checkName(name: string, where: string): string {
  const problem = findNameProblem(name);
  if (problem) throw new CatalogFileError(`"${where}" ${NAME_PROBLEM_TEXTS[problem]}`);
  if (hasFourByteCharacters(name)) {
    throw new CatalogFileError(`"${where}" is a name with a 4-byte UTF-8 character`);
  }
  return name;
}

/**
 * Rejects numbers too large for a double, such as `1e999`: JSON can store no infinity, so the
 * definition would come back with `null` in their place.
 */
function checkNumbers(value: unknown, where: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new CatalogFileError(`"${where}" is a number too large for a double`);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) {
    checkNumbers(item, where ? `${where}.${key}` : key);
  }
}
