import { CreateNamespaceHandler } from './create-namespace/create-namespace.handler';
import { UpdateNamespaceHandler } from './update-namespace/update-namespace.handler';
import { DeleteNamespaceHandler } from './delete-namespace/delete-namespace.handler';
import { DeleteNamespaceObjectsHandler } from './delete-namespace-objects/delete-namespace-objects.handler';
import { DeleteNamespacePropertiesHandler } from './delete-namespace-properties/delete-namespace-properties.handler';
import { DeleteNamespaceTagsHandler } from './delete-namespace-tags/delete-namespace-tags.handler';
import { CreateObjectHandler } from './create-object/create-object.handler';
import { UpdateObjectHandler } from './update-object/update-object.handler';
import { DeleteObjectHandler } from './delete-object/delete-object.handler';
import { CreatePropertyHandler } from './create-property/create-property.handler';
import { UpdatePropertyHandler } from './update-property/update-property.handler';
import { DeletePropertyHandler } from './delete-property/delete-property.handler';
import { CreateTagsHandler } from './create-tags/create-tags.handler';
import { CreateTagHandler } from './create-tag/create-tag.handler';
import { UpdateTagHandler } from './update-tag/update-tag.handler';
import { DeleteTagHandler } from './delete-tag/delete-tag.handler';
import { AssociateResourceTypeHandler } from './associate-resource-type/associate-resource-type.handler';
import { DissociateResourceTypeHandler } from './dissociate-resource-type/dissociate-resource-type.handler';

export * from './create-namespace/create-namespace.command';
export * from './update-namespace/update-namespace.command';
export * from './delete-namespace/delete-namespace.command';
export * from './delete-namespace-objects/delete-namespace-objects.command';
export * from './delete-namespace-properties/delete-namespace-properties.command';
export * from './delete-namespace-tags/delete-namespace-tags.command';
export * from './create-object/create-object.command';
export * from './update-object/update-object.command';
export * from './delete-object/delete-object.command';
export * from './create-property/create-property.command';
export * from './update-property/update-property.command';
export * from './delete-property/delete-property.command';
export * from './create-tags/create-tags.command';
export * from './create-tag/create-tag.command';
export * from './update-tag/update-tag.command';
export * from './delete-tag/delete-tag.command';
export * from './associate-resource-type/associate-resource-type.command';
export * from './dissociate-resource-type/dissociate-resource-type.command';

/** Every command handler of the namespaces aggregate, for the module's providers. */
export const NAMESPACE_COMMAND_HANDLERS = [
  CreateNamespaceHandler,
  UpdateNamespaceHandler,
  DeleteNamespaceHandler,
  DeleteNamespaceObjectsHandler,
  DeleteNamespacePropertiesHandler,
  DeleteNamespaceTagsHandler,
  CreateObjectHandler,
  UpdateObjectHandler,
  DeleteObjectHandler,
  CreatePropertyHandler,
  UpdatePropertyHandler,
  DeletePropertyHandler,
  CreateTagsHandler,
  CreateTagHandler,
  UpdateTagHandler,
  DeleteTagHandler,
  AssociateResourceTypeHandler,
  DissociateResourceTypeHandler,
];
