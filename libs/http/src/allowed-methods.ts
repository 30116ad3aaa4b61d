import type { FastifyInstance } from 'fastify';
import { Messages } from '@metadefs/catalog';
import { ErrorRenderer } from './error-renderer';

const SCHEMA_KINDS = [
  'namespace',
  'namespaces',
  'object',
  'objects',
  'property',
  'properties',
  'tag',
  'tags',
  'resource_type',
  'resource_types',
];

/** Every routed path and the methods it allows, in the order the `Allow` header lists them. */
export const ALLOWED_METHODS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ...SCHEMA_KINDS.map((kind) => [`/v2/schemas/metadefs/${kind}`, ['GET']] as const),
  ['/v2/metadefs/resource_types', ['GET']],
  ['/v2/metadefs/namespaces', ['GET', 'POST']],
  ['/v2/metadefs/namespaces/:namespace', ['GET', 'PUT', 'DELETE']],
  ['/v2/metadefs/namespaces/:namespace/objects', ['GET', 'POST', 'DELETE']],
  ['/v2/metadefs/namespaces/:namespace/objects/:object_name', ['GET', 'PUT', 'DELETE']],
  ['/v2/metadefs/namespaces/:namespace/properties', ['GET', 'POST', 'DELETE']],
  ['/v2/metadefs/namespaces/:namespace/properties/:property_name', ['GET', 'PUT', 'DELETE']],
  ['/v2/metadefs/namespaces/:namespace/tags', ['GET', 'POST', 'DELETE']],
  ['/v2/metadefs/namespaces/:namespace/tags/:tag_name', ['GET', 'POST', 'PUT', 'DELETE']],
  ['/v2/metadefs/namespaces/:namespace/resource_types', ['GET', 'POST']],
  ['/v2/metadefs/namespaces/:namespace/resource_types/:resource_type', ['DELETE']],
];

const ROUTABLE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/**
 * Answers 405 with an `Allow` header for a known path requested with another method, HEAD
 * included (Glance routes no HEAD).
 */
export function registerMethodNotAllowedRoutes(
  fastify: FastifyInstance,
  renderer: ErrorRenderer,
): void {
  for (const [url, allowed] of ALLOWED_METHODS) {
    const others = ROUTABLE_METHODS.filter((method) => !allowed.includes(method));
    fastify.route({
      method: others,
      url,
      handler: (request, reply) =>
        renderer.send(
          request,
          reply,
          405,
          { key: Messages.METHOD_NOT_ALLOWED, params: { method: request.method } },
          { headers: { Allow: allowed.join(', ') }, template: 'method' },
        ),
    });
  }
}
