/**
 * The identity or policy configuration cannot be used, such as a broken policy file or an
 * invalid Keystone URL. The service stops at start with the message, which names what to fix.
 */
export class IdentityConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityConfigurationError';
  }
}
