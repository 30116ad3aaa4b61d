import type { FastifyRequest } from 'fastify';
import type { Identity } from '@metadefs/identity';

/**
 * A request once the service's hooks ran: the identity the authentication strategy
 * established, and the request id sent back in `x-openstack-request-id`.
 */
export interface CatalogRequest extends FastifyRequest {
  identity?: Identity;
  requestId?: string;
}

/** A header's value as one string (the last one when repeated). */
export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}
