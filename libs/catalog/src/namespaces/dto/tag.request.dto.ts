import { IsCatalogName, IsNestedList } from '../../shared/http/validators';

/** The body of `PUT …/tags/{tag}`, and one item of a bulk create. */
export class TagRequestDto {
  @IsCatalogName()
  name!: string;
}

/** The body of the bulk `POST …/tags`. */
export class TagsRequestDto {
  @IsNestedList(TagRequestDto)
  tags!: TagRequestDto[];
}
