import { Allow } from 'class-validator';
import { IsCatalogName, IsDefinitionMap, IsOmittable, IsStringList } from '../../shared/http/validators';
import { IsString } from 'class-validator';
import {
  EmbeddedPropertyDefinitionDto,
  ObjectPropertyDefinitionDto,
} from './property-definition.request.dto';

/** Fields every object body has. */
abstract class ObjectFieldsDto {
  @IsCatalogName()
  name!: string;

  @IsOmittable()
  @IsString()
  description?: string;

  @IsOmittable()
  @IsStringList({ unique: true })
  required?: string[];
}

/** The body of `POST …/objects`: each property is held to the standalone property schema. */
export class CreateObjectRequestDto extends ObjectFieldsDto {
  @IsOmittable()
  @IsDefinitionMap(ObjectPropertyDefinitionDto)
  properties?: Map<string, ObjectPropertyDefinitionDto>;
}

/** The body of `PUT …/objects/{object}`: properties use the embedded definition rules. */
export class UpdateObjectRequestDto extends ObjectFieldsDto {
  @IsOmittable()
  @IsDefinitionMap(EmbeddedPropertyDefinitionDto)
  properties?: Map<string, EmbeddedPropertyDefinitionDto>;
}

/**
 * An object embedded in a namespace body. The read-only fields of an object detail are
 * accepted and ignored, so a fetched namespace detail can be posted back.
 */
export class EmbeddedObjectDto extends UpdateObjectRequestDto {
  @Allow()
  self?: unknown;

  @Allow()
  schema?: unknown;

  @Allow()
  created_at?: unknown;

  @Allow()
  updated_at?: unknown;
}
