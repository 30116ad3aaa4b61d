import { Allow, IsBoolean, IsInt, IsNumber, IsString, Min } from 'class-validator';
import {
  IsCatalogName,
  IsNestedObject,
  IsOmittable,
  IsOneOf,
  IsStringList,
  PROPERTY_TYPES,
} from '../../shared/http/validators';

/** `items` of an array property: the item type (required) and optional allowed values. */
export class PropertyItemsDto {
  @IsOneOf(PROPERTY_TYPES)
  type!: string;

  @IsOmittable()
  @IsStringList()
  enum?: string[];
}

/**
 * The keys every property definition may have. `title` and `type` are required; `default` may
 * be any JSON value; `enum` items must be strings.
 */
export class PropertyDefinitionDto {
  @IsString()
  title!: string;

  @IsOneOf(PROPERTY_TYPES)
  type!: string;

  @IsOmittable()
  @IsString()
  description?: string;

  @IsOmittable()
  @IsStringList()
  operators?: string[];

  @IsOmittable()
  @IsStringList()
  enum?: string[];

  @Allow()
  default?: unknown;

  @IsOmittable()
  @IsBoolean()
  readonly?: boolean;

  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  minimum?: number;

  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maximum?: number;

  @IsOmittable()
  @IsInt()
  @Min(0)
  minLength?: number;

  @IsOmittable()
  @IsInt()
  @Min(0)
  maxLength?: number;

  @IsOmittable()
  @IsString()
  pattern?: string;

  @IsOmittable()
  @IsNestedObject(PropertyItemsDto)
  items?: PropertyItemsDto;

  @IsOmittable()
  @IsBoolean()
  uniqueItems?: boolean;

  @IsOmittable()
  @IsInt()
  @Min(0)
  minItems?: number;

  @IsOmittable()
  @IsInt()
  @Min(0)
  maxItems?: number;

  @IsOmittable()
  @IsBoolean()
  additionalItems?: boolean;
}

/**
 * A definition inside an object created through the object route: the standalone property
 * schema without its `name` requirement, so `confidential` is rejected.
 */
export class ObjectPropertyDefinitionDto extends PropertyDefinitionDto {
  @IsOmittable()
  @IsCatalogName()
  name?: string;
}

/**
 * A definition embedded in a namespace body or an object update: `name` and `confidential`
 * are accepted.
 */
export class EmbeddedPropertyDefinitionDto extends ObjectPropertyDefinitionDto {
  @IsOmittable()
  @IsBoolean()
  confidential?: boolean;
}

/** The body of the standalone property routes: a definition with a required `name`. */
export class PropertyRequestDto extends PropertyDefinitionDto {
  @IsCatalogName()
  name!: string;
}
