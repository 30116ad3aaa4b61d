import { ValidationError, validateSync } from 'class-validator';
import { CatalogMessage, ForbiddenError, InvalidInputError } from '../domain/catalog-error';
import { Messages, SchemaReasons } from '../domain/messages';
import { BodyShapeError, ClassConstructor, describeValue, toDto } from './validators';

/** How a route validates its body: the DTO, the schema name messages use, read-only keys. */
export interface BodySchema<T extends object> {
  readonly dto: ClassConstructor<T>;
  /** The schema name in `Provided object does not match schema '<name>'`. */
  readonly name: string;
  /** Top-level keys a client may not send; they answer 403 before any other check. */
  readonly readOnly: readonly string[];
  /**
   * Where a second schema checks nested definitions strictly: an unknown key inside the map
   * at `path` is reported under schema `name`, unless the body has another problem too. Glance
   * validates object bodies this way, each property against the property schema.
   */
  readonly strictNested?: { readonly path: string; readonly name: string };
}

/**
 * Validates a parsed body against a route's DTO: read-only keys first (403), then the DTO's
 * class-validator rules with unknown keys rejected (400, with the first problem as reason).
 */
export function validateBody<T extends object>(
  body: Record<string, unknown>,
  schema: BodySchema<T>,
): T {
  for (const key of schema.readOnly) {
    if (Object.prototype.hasOwnProperty.call(body, key)) {
      throw new ForbiddenError(Messages.READ_ONLY_ATTRIBUTE, { key });
    }
  }
  let instance: T;
  try {
    instance = toDto(schema.dto, body);
  } catch (error) {
    if (!(error instanceof BodyShapeError)) throw error;
    throw schemaError(schema.name, error.reason);
  }
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
  });
  if (errors.length === 0) return instance;

  const problems = errors.flatMap((error) => leaves(error, ''));
  const nested = schema.strictNested;
  const isNestedUnknownKey = (problem: Problem) =>
    nested !== undefined &&
    problem.constraint === 'whitelistValidation' &&
    problem.path.startsWith(`${nested.path}.`);
  const structural = problems.find((problem) => !isNestedUnknownKey(problem));
  if (structural) throw schemaError(schema.name, structural.reason);
  throw schemaError(nested?.name ?? schema.name, problems[0].reason);
}

interface Problem {
  readonly path: string;
  readonly constraint: string;
  readonly reason: CatalogMessage;
}

/** Every failed constraint of an error tree, with its dotted path, in body order. */
function leaves(error: ValidationError, parentPath: string): Problem[] {
  const path = parentPath ? `${parentPath}.${error.property}` : error.property;
  const own = Object.keys(error.constraints ?? {})
    .slice(0, 1)
    .map((constraint) => ({
      path,
      constraint,
      reason: reasonOf(error, parentPath),
    }));
  return [...own, ...(error.children ?? []).flatMap((child) => leaves(child, path))];
}

export function schemaError(schemaName: string, reason: CatalogMessage): InvalidInputError {
  return new InvalidInputError(Messages.SCHEMA_MISMATCH, { schema: schemaName, reason });
}

const CONSTRAINT_REASONS: Readonly<Record<string, string>> = {
  whitelistValidation: SchemaReasons.UNEXPECTED_PROPERTY,
  isString: SchemaReasons.NOT_A_STRING,
  isBoolean: SchemaReasons.NOT_A_BOOLEAN,
  isNumber: SchemaReasons.NOT_A_NUMBER,
  isInt: SchemaReasons.NOT_AN_INTEGER,
  isArray: SchemaReasons.NOT_AN_ARRAY,
  isObject: SchemaReasons.NOT_AN_OBJECT,
  nestedValidation: SchemaReasons.NOT_AN_OBJECT,
  isIn: SchemaReasons.NOT_ONE_OF,
  min: SchemaReasons.NEGATIVE,
  arrayUnique: SchemaReasons.NOT_UNIQUE,
  arrayMinSize: SchemaReasons.TOO_FEW_ITEMS,
  nameTooLong: SchemaReasons.TOO_LONG,
  textTooLong: SchemaReasons.TOO_LONG,
  nameEmpty: SchemaReasons.EMPTY_NAME,
  nameWithSlash: SchemaReasons.NAME_WITH_SLASH,
  nameReserved: SchemaReasons.RESERVED_NAME,
};

/** Turns the first class-validator error into a reason naming the field path and value. */
function reasonOf(error: ValidationError, parentPath: string): CatalogMessage {
  const path = parentPath ? `${parentPath}.${error.property}` : error.property;
  if (error.children && error.children.length > 0 && !error.constraints) {
    return reasonOf(error.children[0], path);
  }
  const constraints = error.constraints ?? {};
  const [constraint] = Object.keys(constraints);

  if (constraint === 'whitelistValidation') {
    return { key: SchemaReasons.UNEXPECTED_PROPERTY, params: { field: path } };
  }
  if (error.value === undefined) {
    return { key: SchemaReasons.REQUIRED, params: { field: path } };
  }
  const key = CONSTRAINT_REASONS[constraint] ?? SchemaReasons.NOT_ONE_OF;
  const context = error.contexts?.[constraint] ?? {};
  return {
    key,
    params: {
      field: path,
      value: describeValue(error.value),
      ...(context as Record<string, string | number>),
    },
  };
}
