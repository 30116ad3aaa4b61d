import { sendRaw, type HttpResponse, type RequestHeaders } from './http-client';
import { admin, type Identity } from './identities';

export interface CallOptions {
  /** Caller; defaults to `admin`. */
  as?: Identity;
  /** Value sent as a JSON body (serialised with JSON.stringify). */
  json?: unknown;
  /** Raw body bytes, for bodies that are not valid JSON. */
  body?: string | Buffer;
  /** Body parts sent with chunked transfer encoding. */
  chunks?: Array<string | Buffer>;
  /** Extra headers, applied after the identity headers. */
  headers?: RequestHeaders;
  /** Accept header; defaults to `application/json` so errors come as JSON. `null` omits it. */
  accept?: string | null;
}

/** Sends a request as the given identity, asking for JSON error bodies unless `accept` is set. */
export function call(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<HttpResponse> {
  const identity = options.as ?? admin;
  const headers: RequestHeaders = { ...identity.headers };
  const accept = options.accept === undefined ? 'application/json' : options.accept;
  if (accept !== null) {
    headers.Accept = accept;
  }
  Object.assign(headers, options.headers ?? {});

  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] ??= 'application/json';
  }
  return sendRaw({ method, path, headers, body, chunks: options.chunks });
}

export const api = {
  get: (path: string, options?: CallOptions) => call('GET', path, options),
  post: (path: string, options?: CallOptions) => call('POST', path, options),
  put: (path: string, options?: CallOptions) => call('PUT', path, options),
  delete: (path: string, options?: CallOptions) => call('DELETE', path, options),
};

/** Percent-encodes one path segment as UTF-8. */
export function segment(name: string): string {
  return encodeURIComponent(name);
}

export const paths = {
  namespaces: '/v2/metadefs/namespaces',
  resourceTypes: '/v2/metadefs/resource_types',
  namespace: (ns: string) => `/v2/metadefs/namespaces/${segment(ns)}`,
  objects: (ns: string) => `${paths.namespace(ns)}/objects`,
  object: (ns: string, name: string) => `${paths.objects(ns)}/${segment(name)}`,
  properties: (ns: string) => `${paths.namespace(ns)}/properties`,
  property: (ns: string, name: string) => `${paths.properties(ns)}/${segment(name)}`,
  tags: (ns: string) => `${paths.namespace(ns)}/tags`,
  tag: (ns: string, name: string) => `${paths.tags(ns)}/${segment(name)}`,
  associations: (ns: string) => `${paths.namespace(ns)}/resource_types`,
  association: (ns: string, resourceType: string) =>
    `${paths.associations(ns)}/${segment(resourceType)}`,
  schema: (kind: string) => `/v2/schemas/metadefs/${kind}`,
};

/** Builds a query string from ordered pairs with form encoding (space as `+`). */
export function query(pairs: Array<[string, string]>): string {
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`;
}
