import { NamespaceRecord } from '../../namespaces/domain/namespace.types';
import { ResourceTypeRecord } from '../../resource-types/domain/resource-type.types';

/** Read access to the whole catalog, as decisions see it. */
export interface CatalogView {
  namespace(name: string): NamespaceRecord | undefined;
  resourceType(name: string): ResourceTypeRecord | undefined;
  namespaces(): Iterable<NamespaceRecord>;
  resourceTypes(): Iterable<ResourceTypeRecord>;
}
