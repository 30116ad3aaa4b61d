import type { IncomingHttpHeaders } from 'node:http';
import { Identity } from '../identity';

/**
 * Establishes who sent a request. Resolves to undefined when the request carries no valid
 * identity; throws `IdentityServiceUnavailableError` when the identity service cannot answer.
 */
export interface Authenticator {
  readonly strategy: string;
  authenticate(headers: IncomingHttpHeaders): Promise<Identity | undefined>;
  /** Headers to send with a 401, such as `WWW-Authenticate`. */
  challengeHeaders?(): Record<string, string>;
}

/** Nest injection token of the configured `Authenticator`. */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/** The identity service could not be reached or answered with an error. */
export class IdentityServiceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdentityServiceUnavailableError';
  }
}

/** The last value of a header, as one string. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** Splits a comma-separated role list, trimmed and lower-cased, as Glance reads `X-Roles`. */
export function parseRoles(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((role) => role.trim().toLowerCase())
    .filter((role) => role.length > 0);
}
