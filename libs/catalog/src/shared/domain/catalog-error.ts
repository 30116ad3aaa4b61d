/**
 * A message that a client can read: a stable key, which is also the i18n key, and the named
 * parameters of its template. A parameter may itself be a message (for example the reason of a
 * schema mismatch), translated before it is substituted.
 */
export interface CatalogMessage {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number | CatalogMessage>>;
}

/** How the HTTP layer classes an error; each kind maps to one status code. */
export type CatalogErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'header_too_large'
  | 'unavailable';

/**
 * The root of every error the catalog reports to a client. `key` is the i18n key of the
 * message template; `params` fill it.
 */
export class CatalogError extends Error {
  constructor(
    readonly kind: CatalogErrorKind,
    readonly detail: CatalogMessage,
    options?: { cause?: unknown },
  ) {
    super(detail.key, options);
    this.name = new.target.name;
  }

  get key(): string {
    return this.detail.key;
  }
}

export class InvalidInputError extends CatalogError {
  constructor(key: string, params?: CatalogMessage['params']) {
    super('invalid', { key, params });
  }
}

export class ForbiddenError extends CatalogError {
  constructor(key: string, params?: CatalogMessage['params']) {
    super('forbidden', { key, params });
  }
}

export class NotFoundError extends CatalogError {
  constructor(key: string, params?: CatalogMessage['params']) {
    super('not_found', { key, params });
  }
}

export class ConflictError extends CatalogError {
  constructor(key: string, params?: CatalogMessage['params']) {
    super('conflict', { key, params });
  }
}

/** A dependency (event log, read model, identity service) cannot be reached. */
export class ServiceUnavailableError extends CatalogError {
  constructor(key: string, params?: CatalogMessage['params'], options?: { cause?: unknown }) {
    super('unavailable', { key, params }, options);
  }
}
