import { Allow } from 'class-validator';
import { IsBoundedText, IsCatalogName, IsOmittable, NAME_MAX_LENGTH } from '../../shared/http/validators';

/** The body of `POST …/resource_types`. */
export class AssociationRequestDto {
  @IsCatalogName()
  name!: string;

  @IsOmittable()
  @IsBoundedText(NAME_MAX_LENGTH)
  prefix?: string;

  @IsOmittable()
  @IsBoundedText(NAME_MAX_LENGTH)
  properties_target?: string;
}

/** An association embedded in a namespace body; its timestamps are accepted and ignored. */
export class EmbeddedAssociationDto extends AssociationRequestDto {
  @Allow()
  created_at?: unknown;

  @Allow()
  updated_at?: unknown;
}
