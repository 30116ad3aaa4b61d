import { ConflictError, ForbiddenError, NotFoundError } from '../../shared/domain/catalog-error';
import { Messages } from '../../shared/domain/messages';

/** `Namespace <ns> not found`: missing or invisible, on most routes. */
export class NamespaceNotFoundError extends NotFoundError {
  constructor(namespace: string) {
    super(Messages.NAMESPACE_NOT_FOUND, { namespace });
  }
}

/** `Metadata definition namespace=<ns> was not found.`: missing, on show and object routes. */
export class NamespaceNotFoundByNameError extends NotFoundError {
  constructor(namespace: string) {
    super(Messages.NAMESPACE_NOT_FOUND_BY_NAME, { namespace });
  }
}

/** The standard 404 text, used where Glance hides a namespace the caller may not read. */
export class ResourceNotFoundError extends NotFoundError {
  constructor() {
    super(Messages.DEFAULT_404);
  }
}

export class NamespaceDuplicateError extends ConflictError {
  constructor(namespace: string) {
    super(Messages.NAMESPACE_DUPLICATE, { namespace });
  }
}

export class NamespaceRenameDuplicateError extends ConflictError {
  constructor(namespace: string) {
    super(Messages.NAMESPACE_RENAME_DUPLICATE, { namespace });
  }
}

export class NamespaceProtectedError extends ForbiddenError {
  constructor(namespace: string) {
    super(Messages.NAMESPACE_PROTECTED, { namespace });
  }
}

export class ObjectNotFoundError extends NotFoundError {
  constructor(name: string) {
    super(Messages.OBJECT_NOT_FOUND, { name });
  }
}

export class ObjectDuplicateError extends ConflictError {
  constructor(name: string, namespace: string) {
    super(Messages.OBJECT_DUPLICATE, { name, namespace });
  }
}

export class ObjectRenameDuplicateError extends ConflictError {
  constructor(name: string, namespace: string) {
    super(Messages.OBJECT_RENAME_DUPLICATE, { name, namespace });
  }
}

export class ObjectProtectedError extends ForbiddenError {
  constructor(name: string) {
    super(Messages.OBJECT_PROTECTED, { name });
  }
}

export class PropertyNotFoundError extends NotFoundError {
  constructor(name: string) {
    super(Messages.PROPERTY_NOT_FOUND, { name });
  }
}

export class PropertyDuplicateError extends ConflictError {
  constructor(name: string, namespace: string) {
    super(Messages.PROPERTY_DUPLICATE, { name, namespace });
  }
}

export class PropertyRenameDuplicateError extends ConflictError {
  constructor(name: string, namespace: string) {
    super(Messages.PROPERTY_RENAME_DUPLICATE, { name, namespace });
  }
}

export class PropertyProtectedError extends ForbiddenError {
  constructor(name: string) {
    super(Messages.PROPERTY_PROTECTED, { name });
  }
}

export class PropertyPrefixMismatchError extends NotFoundError {
  constructor(name: string, prefix: string | null) {
    super(Messages.PROPERTY_PREFIX_MISMATCH, { name, prefix: prefix ?? 'None' });
  }
}

export class TagNotFoundError extends NotFoundError {
  constructor(name: string) {
    super(Messages.TAG_NOT_FOUND, { name });
  }
}

export class TagDuplicateError extends ConflictError {
  constructor(name: string, namespace: string) {
    super(Messages.TAG_DUPLICATE, { name, namespace });
  }
}

export class TagProtectedError extends ForbiddenError {
  constructor(name: string) {
    super(Messages.TAG_PROTECTED, { name });
  }
}

export class AssociationNotFoundError extends NotFoundError {
  constructor(resourceType: string, namespace: string) {
    super(Messages.ASSOCIATION_NOT_FOUND, { resourceType, namespace });
  }
}

export class AssociationToDeleteNotFoundError extends NotFoundError {
  constructor(resourceType: string) {
    super(Messages.ASSOCIATION_TO_DELETE_NOT_FOUND, { resourceType });
  }
}

export class AssociationDuplicateError extends ConflictError {
  constructor(resourceType: string, namespace: string) {
    super(Messages.ASSOCIATION_DUPLICATE, { resourceType, namespace });
  }
}

export class AssociationProtectedError extends ForbiddenError {
  constructor(resourceType: string) {
    super(Messages.ASSOCIATION_PROTECTED, { resourceType });
  }
}
