import type { FastifyRequest } from 'fastify';

/** The content type of every successful JSON response. */
export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

/**
 * The absolute URL of a created namespace for the `Location` header, built from the request's
 * scheme and host. The name goes in as is, as Glance does, except that characters a header
 * cannot carry (non-ASCII, control characters) are percent-encoded.
 */
export function locationOf(request: FastifyRequest, path: string): string {
  const host = request.headers.host ?? `${request.hostname}`;
  const safePath = path.replace(/[^\x20-\x7e]/gu, (char) => encodeURIComponent(char));
  return `${request.protocol}://${host}${safePath}`;
}
