import { Identity } from '../identity';
import { Authenticator } from './authenticator';

/**
 * Every caller is an admin of one local project, as in Glance's unauthenticated pipeline.
 * Only safe on a loopback address, which the configuration enforces.
 */
export class NoAuthAuthenticator implements Authenticator {
  readonly strategy = 'noauth';
  private readonly identity: Identity;

  constructor(projectId: string) {
    this.identity = {
      userId: 'noauth',
      projectId,
      domainId: 'default',
      roles: ['admin', 'member', 'reader'],
      readOnly: false,
    };
  }

  async authenticate(): Promise<Identity> {
    return this.identity;
  }
}
