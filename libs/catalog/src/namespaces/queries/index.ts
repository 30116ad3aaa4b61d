import { GetNamespaceHandler } from './get-namespace/get-namespace.handler';
import { GetObjectHandler } from './get-object/get-object.handler';
import { GetPropertyHandler } from './get-property/get-property.handler';
import { GetTagHandler } from './get-tag/get-tag.handler';
import { ListNamespacesHandler } from './list-namespaces/list-namespaces.handler';
import { ListObjectsHandler } from './list-objects/list-objects.handler';
import { ListPropertiesHandler } from './list-properties/list-properties.handler';
import { ListResourceTypeAssociationsHandler } from './list-resource-type-associations/list-resource-type-associations.handler';
import { ListTagsHandler } from './list-tags/list-tags.handler';

export * from './get-namespace/get-namespace.query';
export * from './get-object/get-object.query';
export * from './get-property/get-property.query';
export * from './get-tag/get-tag.query';
export * from './list-namespaces/list-namespaces.query';
export * from './list-objects/list-objects.query';
export * from './list-properties/list-properties.query';
export * from './list-resource-type-associations/list-resource-type-associations.query';
export * from './list-tags/list-tags.query';

/** Every query handler of the namespaces aggregate, for the module's providers. */
export const NAMESPACE_QUERY_HANDLERS = [
  ListNamespacesHandler,
  GetNamespaceHandler,
  ListObjectsHandler,
  GetObjectHandler,
  ListPropertiesHandler,
  GetPropertyHandler,
  ListTagsHandler,
  GetTagHandler,
  ListResourceTypeAssociationsHandler,
];
