import { applyDecorators } from '@nestjs/common';
import { ClassConstructor, Transform, plainToInstance } from 'class-transformer';
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
    ValidateBy({
      name: 'textTooLong',
      constraints: [max],
      validator: {
        validate: (value) => typeof value !== 'string' || codePoints(value) <= max,
        defaultMessage: () => tooLongMessage(max),
      },
    }, { context: { max } }),
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
      name: 'nameTooLong',
      constraints: [max],
      validator: {
        validate: (value) => typeof value !== 'string' || codePoints(value) <= max,
        defaultMessage: () => tooLongMessage(max),
      },
    }, { context: { max } }),
  );
}

/** One of the listed strings. */
export function IsOneOf(allowed: readonly string[]): PropertyDecorator {
  return IsIn([...allowed], { context: { allowed: allowed.join(', ') } });
}

/** An array of strings, optionally without duplicates or with a minimum length. */
export function IsStringList(options: { unique?: boolean; minItems?: number } = {}): PropertyDecorator {
  const decorators: PropertyDecorator[] = [IsArray(), IsString({ each: true })];
  if (options.unique) decorators.push(ArrayUnique());
  if (options.minItems) decorators.push(ArrayMinSize(options.minItems));
  return applyDecorators(...decorators);
}

/** A nested object validated as `dto`. */
export function IsNestedObject(dto: ClassConstructor<object>): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (isPlainObject(value) ? plainToInstance(dto, value) : value)),
    IsObject(),
    ValidateNested(),
  );
}

/** An array of objects, each validated as `dto`. */
export function IsNestedList(dto: ClassConstructor<object>): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) =>
      Array.isArray(value)
        ? value.map((item) => (isPlainObject(item) ? plainToInstance(dto, item) : item))
        : value,
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
  return applyDecorators(
    Transform(({ value }) =>
      isPlainObject(value)
        ? new Map(
            Object.entries(value).map(([key, item]) => [
              key,
              isPlainObject(item) ? plainToInstance(dto, item) : item,
            ]),
          )
        : value,
    ),
    IsObject(),
    ValidateBy({
      name: 'nameEmpty',
      validator: { validate: (value) => !(value instanceof Map) || ![...value.keys()].includes('') },
    }),
    ValidateBy({
      name: 'nameWithSlash',
      validator: {
        validate: (value) => !(value instanceof Map) || ![...value.keys()].some((key) => key.includes('/')),
      },
    }),
    ValidateBy({
      name: 'nameTooLong',
      validator: {
        validate: (value) =>
          !(value instanceof Map) || [...value.keys()].every((key) => codePoints(key) <= NAME_MAX_LENGTH),
        defaultMessage: () => tooLongMessage(NAME_MAX_LENGTH),
      },
    }, { context: { max: NAME_MAX_LENGTH } }),
    ValidateNested({ each: true }),
  );
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
    for (const [key, item] of value) object[key] = toPlain(item);
    return object;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (isPlainObject(value)) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) object[key] = toPlain(item);
    }
    return object;
  }
  return value;
}
