export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when it is JSON, else undefined. */
  readonly json: any;
}

export interface SendOptions {
  /** Sent as `X-Auth-Token`. */
  readonly token?: string;
  /** Serialised as the JSON body. */
  readonly json?: unknown;
  /** Extra request headers. */
  readonly headers?: Record<string, string>;
}

/** Sends one request to the API, asking for JSON error bodies. */
export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token !== undefined) headers['X-Auth-Token'] = options.token;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json: unknown;
  if (/^application\/json\b/i.test(response.headers.get('content-type') ?? '')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, text, json };
}

const JSON_MESSAGE_SUFFIX = '<br /><br />\n\n\n';

/** The explanation of a JSON error body, without the suffix that Glance's error pages add. */
export function errorMessage(response: ApiResponse): string | undefined {
  const message: unknown = response.json?.message;
  if (typeof message !== 'string') return undefined;
  return message.endsWith(JSON_MESSAGE_SUFFIX)
    ? message.slice(0, -JSON_MESSAGE_SUFFIX.length)
    : message;
}

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

// The English message catalogue of the API, so that a reworded message does not break these tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const catalogue = require('../../../libs/i18n/src/locales/en.json') as {
  errors: Record<string, string>;
};

export const messages = {
  unauthorized: catalogue.errors.DEFAULT_401,
  identityUnavailable: catalogue.errors.IDENTITY_UNAVAILABLE,
  notFound: 'The resource could not be found.',
  forbidden: (rule: string) => `You are not authorized to complete ${rule} action.`,
  namespaceNotFound: (ns: string) => `Namespace ${ns} not found`,
  markerNotFound: (ns: string) => `Metadata definition namespace=${ns} was not found.`,
};
