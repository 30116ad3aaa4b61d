import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Messages } from '@metadefs/catalog';
import {
  type Authenticator,
  IdentityServiceUnavailableError,
  type Identity,
} from '@metadefs/identity';
import { ErrorRenderer } from './error-renderer';

/** Paths answered without authentication: version discovery. */
const PUBLIC_PATHS = new Set(['/', '/versions']);

const ANONYMOUS: Identity = {
  userId: null,
  projectId: null,
  domainId: null,
  roles: [],
  readOnly: true,
};

export interface RequestHookOptions {
  readonly authenticator: Authenticator;
  readonly renderer: ErrorRenderer;
  readonly allowAnonymous: boolean;
  readonly maxRequestIdLength: number;
}

type IdentifiedRequest = FastifyRequest & { identity?: Identity; requestId?: string };

/**
 * Runs before routing, for every request: authentication first (401 before anything else,
 * unknown paths included), then the request id, echoed in `x-openstack-request-id` with a
 * `req-` prefix or generated, and refused with 431 when longer than the limit.
 */
export function registerRequestHooks(fastify: FastifyInstance, options: RequestHookOptions): void {
  const logger = new Logger('RequestHooks');
  fastify.addHook('onRequest', async (request: IdentifiedRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (PUBLIC_PATHS.has(path)) return;

    let identity: Identity | undefined;
    try {
      identity = await options.authenticator.authenticate(request.headers);
    } catch (error) {
      if (!(error instanceof IdentityServiceUnavailableError)) throw error;
      // The authenticator logs outages once a minute; each refused request is only debug.
      logger.debug('Refused a request: the identity service is unavailable', {
        error: error.message,
      });
      return options.renderer.send(request, reply, 503, { key: Messages.IDENTITY_UNAVAILABLE });
    }
    if (!identity && !options.allowAnonymous) {
      return options.renderer.send(
        request,
        reply,
        401,
        { key: Messages.DEFAULT_401 },
        {
          headers: options.authenticator.challengeHeaders?.() ?? {},
        },
      );
    }
    request.identity = identity ?? ANONYMOUS;

    const sent = headerValue(request, 'x-openstack-request-id');
    if (sent !== undefined && sent.length > options.maxRequestIdLength) {
      return options.renderer.send(request, reply, 431, {
        key: Messages.REQUEST_ID_TOO_LONG,
        params: { max: options.maxRequestIdLength },
      });
    }
    // An empty id counts as none, as Glance treats it.
    request.requestId = !sent
      ? `req-${randomUUID()}`
      : sent.startsWith('req-')
        ? sent
        : `req-${sent}`;
    reply.header('x-openstack-request-id', request.requestId);
  });
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}
