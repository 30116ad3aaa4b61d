import { applyDecorators } from '@nestjs/common';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CatalogMessage } from '../domain/catalog-error';
import { setOwnKey } from '../domain/json';
import { RESERVED_NAME } from '../domain/names';
import { SchemaReasons } from '../domain/messages';

/** A DTO class, constructed without arguments. */
export type ClassConstructor<T> = new () => T;

/** The longest name of a namespace, object, property, tag or resource type, in code points. */
export const NAME_MAX_LENGTH = 80;

/** The property types a definition may declare. */
export const PROPERTY_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Returns the class-validator message of a length check. class-validator attaches a validator's
 * `context` (the limit that the reason reports) only to errors whose message is not empty.
 */
function tooLongMessage(max: number): string {
  return `$property is longer than ${max} characters`;
}

/**
 * Validates the property only when the body has it; unlike `@IsOptional`, an explicit null is
 * still validated (and rejected by type checks), as JSON Schema does.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A string of at most `max` code points. */
export function IsBoundedText(max: number): PropertyDecorator {
  return applyDecorators(
    IsString(),
    ValidateBy(
      {
        name: 'textTooLong',
        constraints: [max],
        validator: {
          validate: (value) => typeof value !== 'string' || codePoints(value) <= max,
          defaultMessage: () => tooLongMessage(max),
        },
      },
      { context: { max } },
    ),
  );
}

/**
 * A name that a URL can address later: a string of 1 to `max` code points without `/`.
 * Glance accepts empty names and names with `/`, which then no route can reach.
 */
export function IsCatalogName(max = NAME_MAX_LENGTH): PropertyDecorator {
  return applyDecorators(
    IsString(),
    ValidateBy({
      name: 'nameEmpty',
      validator: { validate: (value) => typeof value !== 'string' || value.length > 0 },
    }),
    ValidateBy({
      name: 'nameWithSlash',
      validator: { validate: (value) => typeof value !== 'string' || !value.includes('/') },
    }),
    ValidateBy({
      name: 'nameReserved',
      validator: { validate: (value) => value !== RESERVED_NAME },
    }),
    ValidateBy(
      {
        name: 'nameTooLong',
        constraints: [max],
        validator: {
          validate: (value) => typeof value !== 'string' || codePoints(value) <= max,
          defaultMessage: () => tooLongMessage(max),
        },
      },
      { context: { max } },
    ),
  );
}

/** One of the listed strings. */
export function IsOneOf(allowed: readonly string[]): PropertyDecorator {
  return IsIn([...allowed], { context: { allowed: allowed.join(', ') } });
}

/** An array of strings, optionally without duplicates or with a minimum length. */
export function IsStringList(
  options: { unique?: boolean; minItems?: number } = {},
): PropertyDecorator {
  const decorators: PropertyDecorator[] = [IsArray(), IsString({ each: true })];
  if (options.unique) decorators.push(ArrayUnique());
  if (options.minItems) decorators.push(ArrayMinSize(options.minItems));
  return applyDecorators(...decorators);
}

/** A nested object validated as `dto`. */
export function IsNestedObject(dto: ClassConstructor<object>): PropertyDecorator {
  return applyDecorators(
    Converts((raw, path) => (isPlainObject(raw) ? toDto(dto, raw, path) : raw)),
    IsObject(),
    ValidateNested(),
  );
}

/** An array of objects, each validated as `dto`. */
export function IsNestedList(dto: ClassConstructor<object>): PropertyDecorator {
  return applyDecorators(
    Converts((raw, path) =>
      Array.isArray(raw)
        ? raw.map((item, index) =>
            toDto(dto, requireObject(item, `${path}.${index}`), `${path}.${index}`),
          )
        : raw,
    ),
    IsArray(),
    ValidateNested({ each: true }),
  );
}

/**
 * A map of property names to definitions, each validated as `dto`. Keys follow the name rules
 * of `IsCatalogName`.
 */
export function IsDefinitionMap(dto: ClassConstructor<object>): PropertyDecorator {
  const keysOf = (value: unknown): string[] => (value instanceof Map ? [...value.keys()] : []);
  return applyDecorators(
    Converts((raw, path) =>
      isPlainObject(raw)
        ? new Map(
            Object.keys(raw).map((key) => {
              const itemPath = `${path}.${key}`;
              return [key, toDto(dto, requireObject(raw[key], itemPath), itemPath)];
            }),
          )
        : raw,
    ),
    IsObject(),
    ValidateBy({
      name: 'nameEmpty',
      validator: { validate: (value) => !keysOf(value).includes('') },
    }),
    ValidateBy({
      name: 'nameWithSlash',
      validator: { validate: (value) => !keysOf(value).some((key) => key.includes('/')) },
    }),
    ValidateBy({
      name: 'nameReserved',
      validator: { validate: (value) => !keysOf(value).includes(RESERVED_NAME) },
    }),
    ValidateBy(
      {
        name: 'nameTooLong',
        validator: {
          validate: (value) => keysOf(value).every((key) => codePoints(key) <= NAME_MAX_LENGTH),
          defaultMessage: () => tooLongMessage(NAME_MAX_LENGTH),
        },
      },
      { context: { max: NAME_MAX_LENGTH } },
    ),
    ValidateNested({ each: true }),
  );
}

/** Turns the raw JSON value of one DTO field into what its validators check. */
type Converter = (raw: unknown, path: string) => unknown;

const CONVERTERS = new WeakMap<object, Map<string, Converter>>();

function Converts(convert: Converter): PropertyDecorator {
  return (prototype, key) => {
    const fields = CONVERTERS.get(prototype) ?? new Map<string, Converter>();
    fields.set(String(key), convert);
    CONVERTERS.set(prototype, fields);
  };
}

function converterOf(prototype: object | null, key: string): Converter | undefined {
  for (
    let current = prototype;
    current && current !== Object.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    const convert = CONVERTERS.get(current)?.get(key);
    if (convert) return convert;
  }
  return undefined;
}

/**
 * A body whose shape stops the conversion into DTOs: a key that every JavaScript object
 * inherits, or a list item or map value that is not an object. `reason` is the schema reason.
 */
export class BodyShapeError extends Error {
  constructor(readonly reason: CatalogMessage) {
    super(reason.key);
    this.name = 'BodyShapeError';
  }
}

function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  throw new BodyShapeError({
    key: SchemaReasons.NOT_AN_OBJECT,
    params: { field: path, value: describeValue(value) },
  });
}

/** Describes a JSON value as a schema reason quotes it, cut to 80 characters. */
export function describeValue(value: unknown): string {
  // JSON has no infinite numbers; a token such as 1e999 parses to one.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Copies a parsed JSON object into a new `dto` instance for class-validator, converting the
 * nested objects, lists and maps its fields declare. A key that every JavaScript object
 * inherits (`constructor`, `toString`, `__proto__`...) is no DTO field and would confuse
 * validation, so it throws `BodyShapeError` with its dotted path. Map keys are exempt because
 * maps keep them as data. A list item or map value that is not an object throws too.
 */
export function toDto<T extends object>(
  dto: ClassConstructor<T>,
  plain: Record<string, unknown>,
  path = '',
): T {
  const instance = new dto() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    const fieldPath = path ? `${path}.${key}` : key;
    if (key in Object.prototype) {
      throw new BodyShapeError({
        key: SchemaReasons.UNEXPECTED_PROPERTY,
        params: { field: fieldPath },
      });
    }
    const convert = converterOf(dto.prototype, key);
    instance[key] = convert ? convert(plain[key], fieldPath) : plain[key];
  }
  return instance as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns a validated DTO back into plain JSON: keys the body did not have are dropped, maps
 * become objects again.
 */
export function toPlain(value: unknown): unknown {
  if (value instanceof Map) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value) setOwnKey(object, key, toPlain(item));
    return object;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (isPlainObject(value)) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) setOwnKey(object, key, toPlain(item));
    }
    return object;
  }
  return value;
}
