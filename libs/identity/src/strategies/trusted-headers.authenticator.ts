import type { IncomingHttpHeaders } from 'node:http';
import { Identity } from '../identity';
import { Authenticator, header, parseRoles } from './authenticator';

/**
 * Reads the identity that an authenticating proxy in front of the service (such as
 * keystonemiddleware) put in headers: `X-Identity-Status: Confirmed`, `X-Roles`,
 * `X-Project-Id` (or the older `X-Tenant-Id`), `X-User-Id`, `X-Project-Domain-Id`. Anything
 * but `Confirmed` is unauthenticated. Only safe behind such a proxy.
 */
export class TrustedHeadersAuthenticator implements Authenticator {
  readonly strategy = 'trusted-headers';

  async authenticate(headers: IncomingHttpHeaders): Promise<Identity | undefined> {
    if (header(headers, 'x-identity-status') !== 'Confirmed') return undefined;
    return {
      userId: header(headers, 'x-user-id') ?? null,
      projectId: header(headers, 'x-project-id') ?? header(headers, 'x-tenant-id') ?? null,
      domainId: header(headers, 'x-project-domain-id') ?? null,
      roles: parseRoles(header(headers, 'x-roles')),
      readOnly: false,
    };
  }
}
