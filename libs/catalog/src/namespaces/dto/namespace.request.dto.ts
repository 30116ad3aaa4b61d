import { IsBoolean } from 'class-validator';
import {
  IsBoundedText,
  IsCatalogName,
  IsDefinitionMap,
  IsNestedList,
  IsOmittable,
  IsOneOf,
  NAME_MAX_LENGTH,
} from '../../shared/http/validators';
import { EmbeddedAssociationDto } from './association.request.dto';
import { EmbeddedObjectDto } from './object.request.dto';
import { EmbeddedPropertyDefinitionDto } from './property-definition.request.dto';
import { TagRequestDto } from './tag.request.dto';

/**
 * The body of a namespace create or update. A namespace detail (without its read-only keys)
 * and a catalog file are both valid bodies; on update the embedded collections are validated
 * but ignored.
 */
export class NamespaceRequestDto {
  @IsCatalogName()
  namespace!: string;

  @IsOmittable()
  @IsBoundedText(NAME_MAX_LENGTH)
  display_name?: string;

  @IsOmittable()
  @IsBoundedText(500)
  description?: string;

  @IsOmittable()
  @IsOneOf(['public', 'private'])
  visibility?: 'public' | 'private';

  @IsOmittable()
  @IsBoolean()
  protected?: boolean;

  @IsOmittable()
  @IsBoundedText(255)
  owner?: string;

  @IsOmittable()
  @IsNestedList(EmbeddedAssociationDto)
  resource_type_associations?: EmbeddedAssociationDto[];

  @IsOmittable()
  @IsDefinitionMap(EmbeddedPropertyDefinitionDto)
  properties?: Map<string, EmbeddedPropertyDefinitionDto>;

  @IsOmittable()
  @IsNestedList(EmbeddedObjectDto)
  objects?: EmbeddedObjectDto[];

  @IsOmittable()
  @IsNestedList(TagRequestDto)
  tags?: TagRequestDto[];
}
