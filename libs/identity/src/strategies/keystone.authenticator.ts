import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Identity } from '../identity';
import { IdentityConfigurationError } from '../identity-configuration.error';
import { Authenticator, IdentityServiceUnavailableError, header } from './authenticator';

/** Sink of the Keystone strategy's outage and recovery messages; Nest's `Logger` fits. */
export interface KeystoneLogger {
  log(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

export interface KeystoneAuthenticatorOptions {
  /** Keystone's v3 endpoint, such as `http://keystone:5000/v3`. */
  readonly url: string;
  /** The service user that validates tokens, with its domain, project and project domain. */
  readonly username: string;
  readonly password: string;
  readonly userDomainId: string;
  readonly projectName: string;
  readonly projectDomainId: string;
  /** How long a validated token is reused without asking Keystone, in seconds; 0 disables it. */
  readonly cacheSeconds: number;
  /** Timeout of each request to Keystone, in milliseconds. */
  readonly timeoutMs: number;
  /** Most validated tokens kept; the oldest go first. */
  readonly maxCachedTokens?: number;
  readonly logger?: KeystoneLogger;
  /** Replaces the global `fetch`, for tests. */
  readonly fetch?: typeof fetch;
  /** Replaces `Date.now`, for tests. */
  readonly now?: () => number;
}

interface CachedIdentity {
  readonly identity: Identity;
  /** Epoch milliseconds; the earlier of the cache period's end and the token's expiry. */
  readonly validUntil: number;
}

interface ServiceToken {
  readonly token: string;
  /** Epoch milliseconds after which a new service token is requested. */
  readonly renewAt: number;
}

/** The parts of Keystone's token body that the strategy reads. */
interface TokenBody {
  token?: {
    expires_at?: unknown;
    user?: { id?: unknown };
    project?: { id?: unknown; domain?: { id?: unknown } };
    roles?: unknown;
  };
}

// Printable ASCII without spaces, as Keystone's fernet and JWS tokens are. Anything else is
// invalid without asking Keystone, and could not be sent in a header anyway.
const TOKEN_PATTERN = /^[\x21-\x7e]{1,8192}$/;
const DEFAULT_MAX_CACHED_TOKENS = 10_000;
// A service token is renewed this long before it expires, or at half its lifetime if shorter.
const SERVICE_TOKEN_RENEWAL_MARGIN_MS = 60_000;
// While Keystone stays unavailable, the failure is logged at most once per this interval.
const OUTAGE_LOG_INTERVAL_MS = 60_000;

/**
 * Validates `X-Auth-Token` with Keystone v3 (`GET /v3/auth/tokens`), authenticated with a
 * token of the service user. Identity headers sent by the client (`X-Roles`, `X-Project-Id`,
 * ...) are never read. A token that is not project-scoped authenticates with no project and no
 * roles, so Glance's rules refuse it everything but the schemas.
 *
 * Validations are cached for `cacheSeconds`, never past the token's `expires_at`, so a token
 * revoked in Keystone keeps working here until its cache entry ends. Keystone being unreachable,
 * timing out or returning 5xx raises `IdentityServiceUnavailableError`; such failures are never
 * cached.
 */
export class KeystoneAuthenticator implements Authenticator {
  readonly strategy = 'keystone';
  private readonly url: string;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly maxCachedTokens: number;
  private readonly cache = new Map<string, CachedIdentity>();
  private readonly pendingValidations = new Map<string, Promise<Identity | undefined>>();
  private serviceToken?: ServiceToken;
  private pendingServiceToken?: Promise<string>;
  private failuresSinceLog = 0;
  private lastFailureLog?: number;
  private unavailable = false;

  constructor(private readonly options: KeystoneAuthenticatorOptions) {
    this.url = normalizeUrl(options.url);
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.maxCachedTokens = options.maxCachedTokens ?? DEFAULT_MAX_CACHED_TOKENS;
  }

  challengeHeaders(): Record<string, string> {
    return { 'WWW-Authenticate': `Keystone uri="${this.url}"` };
  }

  async authenticate(headers: IncomingHttpHeaders): Promise<Identity | undefined> {
    const token = header(headers, 'x-auth-token')?.trim();
    if (!token || !TOKEN_PATTERN.test(token)) return undefined;

    const key = createHash('sha256').update(token).digest('hex');
    const cached = this.cache.get(key);
    if (cached && cached.validUntil > this.now()) return cached.identity;
    if (cached) this.cache.delete(key);

    // Concurrent requests with the same token share one validation.
    let validation = this.pendingValidations.get(key);
    if (!validation) {
      validation = this.validate(token, key).finally(() => this.pendingValidations.delete(key));
      this.pendingValidations.set(key, validation);
    }
    return validation;
  }

  /**
   * Requests a service token ahead of the first request and logs the outcome, so wrong service
   * credentials show in the log at start. Never throws.
   */
  async prefetchServiceToken(): Promise<void> {
    try {
      await this.currentServiceToken();
      this.options.logger?.log('Obtained a service token from Keystone', this.serviceDetails());
    } catch (error) {
      this.reportFailure(error);
    }
  }

  private async validate(token: string, key: string): Promise<Identity | undefined> {
    try {
      const result = await this.requestValidation(token, true);
      this.reportRecovery();
      if (result && this.options.cacheSeconds > 0) {
        const validUntil = Math.min(
          this.now() + this.options.cacheSeconds * 1000,
          result.expiresAt,
        );
        this.remember(key, { identity: result.identity, validUntil });
      }
      return result?.identity;
    } catch (error) {
      this.reportFailure(error);
      throw error;
    }
  }

  private async requestValidation(
    token: string,
    retryWithNewServiceToken: boolean,
  ): Promise<{ identity: Identity; expiresAt: number } | undefined> {
    const serviceToken = await this.currentServiceToken();
    const response = await this.send('validate a token', `${this.url}/auth/tokens?nocatalog`, {
      method: 'GET',
      headers: {
        Accept: 'application/json',
        'X-Auth-Token': serviceToken,
        'X-Subject-Token': token,
      },
    });

    if (response.status === 200) return this.readValidation(await this.readJson(response));
    await discardBody(response);
    // 404: the token is invalid, expired or revoked. 400: Keystone could not read it at all.
    if (response.status === 404 || response.status === 400) return undefined;
    if (response.status === 401) {
      // Keystone no longer accepts the service token: it expired early or was revoked.
      this.forgetServiceToken(serviceToken);
      if (retryWithNewServiceToken) return this.requestValidation(token, false);
      throw new IdentityServiceUnavailableError(
        'Keystone rejected the service token again after it was renewed',
      );
    }
    if (response.status === 403) {
      throw new IdentityServiceUnavailableError(
        `Keystone does not let the service user ${this.options.username} validate tokens ` +
          '(HTTP 403); give it the service role on its project',
      );
    }
    throw new IdentityServiceUnavailableError(
      `Keystone returned HTTP ${response.status} to a token validation`,
    );
  }

  private readValidation(body: TokenBody): { identity: Identity; expiresAt: number } | undefined {
    const token = body.token;
    const expiresAt = typeof token?.expires_at === 'string' ? Date.parse(token.expires_at) : NaN;
    if (!token || Number.isNaN(expiresAt)) {
      throw new IdentityServiceUnavailableError(
        'Keystone returned a token validation without token.expires_at',
      );
    }
    // Keystone never returns expired tokens; this guards against clock skew.
    if (expiresAt <= this.now()) return undefined;

    const project = token.project;
    const projectScoped = typeof project?.id === 'string';
    const identity: Identity = {
      userId: typeof token.user?.id === 'string' ? token.user.id : null,
      projectId: projectScoped ? (project?.id as string) : null,
      domainId: projectScoped && typeof project?.domain?.id === 'string' ? project.domain.id : null,
      roles: projectScoped ? roleNames(token.roles) : [],
      readOnly: false,
    };
    return { identity, expiresAt };
  }

  private async currentServiceToken(): Promise<string> {
    if (this.serviceToken && this.now() < this.serviceToken.renewAt) return this.serviceToken.token;
    if (!this.pendingServiceToken) {
      this.pendingServiceToken = this.issueServiceToken().finally(() => {
        this.pendingServiceToken = undefined;
      });
    }
    return this.pendingServiceToken;
  }

  private async issueServiceToken(): Promise<string> {
    const { username, password, userDomainId, projectName, projectDomainId } = this.options;
    const body = {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: username, domain: { id: userDomainId }, password } },
        },
        scope: { project: { name: projectName, domain: { id: projectDomainId } } },
      },
    };
    const requestedAt = this.now();
    const response = await this.send(
      'obtain a service token',
      `${this.url}/auth/tokens?nocatalog`,
      {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    if (response.status !== 201) {
      await discardBody(response);
      const reason =
        response.status === 401
          ? 'rejected the service credentials; check KEYSTONE_USERNAME, KEYSTONE_PASSWORD, ' +
            'KEYSTONE_USER_DOMAIN_ID, KEYSTONE_PROJECT_NAME and KEYSTONE_PROJECT_DOMAIN_ID'
          : `returned HTTP ${response.status}`;
      throw new IdentityServiceUnavailableError(
        `Keystone ${reason} when asked for a service token`,
      );
    }

    const token = response.headers.get('x-subject-token');
    const parsed = (await this.readJson(response)) as TokenBody;
    const expiresAt =
      typeof parsed.token?.expires_at === 'string' ? Date.parse(parsed.token.expires_at) : NaN;
    if (!token || Number.isNaN(expiresAt)) {
      throw new IdentityServiceUnavailableError(
        'Keystone issued a service token without X-Subject-Token or token.expires_at',
      );
    }
    const margin = Math.min(SERVICE_TOKEN_RENEWAL_MARGIN_MS, (expiresAt - requestedAt) / 2);
    this.serviceToken = { token, renewAt: expiresAt - margin };
    return token;
  }

  private forgetServiceToken(token: string): void {
    if (this.serviceToken?.token === token) this.serviceToken = undefined;
  }

  /**
   * Sends one request to Keystone; network failures and timeouts become unavailability. A
   * connection failure other than a timeout is retried once at once, because a server may close
   * an idle keep-alive connection just as a request is sent on it. Both requests are safe to
   * repeat: a validation, or a password authentication that issues another token.
   */
  private async send(purpose: string, url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.fetch(url, {
          ...init,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        if (attempt < 2 && !isTimeout(error)) continue;
        throw new IdentityServiceUnavailableError(
          `Failed to ${purpose}: ${describeFetchError(error, this.url, this.options.timeoutMs)}`,
          { cause: error },
        );
      }
    }
  }

  private async readJson(response: Response): Promise<TokenBody> {
    try {
      return (await response.json()) as TokenBody;
    } catch (error) {
      throw new IdentityServiceUnavailableError(
        `Failed to read Keystone's response: ${describeFetchError(error, this.url, this.options.timeoutMs)}`,
        { cause: error },
      );
    }
  }

  private remember(key: string, entry: CachedIdentity): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    // Maps iterate in insertion order, so the first keys are the oldest entries.
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= this.maxCachedTokens) break;
      this.cache.delete(oldest);
    }
  }

  private reportFailure(error: unknown): void {
    const logger = this.options.logger;
    this.unavailable = true;
    this.failuresSinceLog += 1;
    const now = this.now();
    if (
      !logger ||
      (this.lastFailureLog !== undefined && now - this.lastFailureLog < OUTAGE_LOG_INTERVAL_MS)
    ) {
      return;
    }
    logger.warn(
      `Keystone is unavailable: ${error instanceof Error ? error.message : String(error)}`,
      {
        ...this.serviceDetails(),
        failedRequests: this.failuresSinceLog,
      },
    );
    this.lastFailureLog = now;
    this.failuresSinceLog = 0;
  }

  private reportRecovery(): void {
    if (!this.unavailable) return;
    this.options.logger?.log('Keystone is available again', {
      ...this.serviceDetails(),
      failedRequestsSinceLastWarning: this.failuresSinceLog,
    });
    this.unavailable = false;
    this.failuresSinceLog = 0;
    this.lastFailureLog = undefined;
  }

  private serviceDetails(): Record<string, unknown> {
    return { url: this.url, user: this.options.username, project: this.options.projectName };
  }
}

/** Strips trailing slashes; rejects anything but an absolute http or https URL. */
function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new IdentityConfigurationError(
      `KEYSTONE_URL=${url} is not a URL; set it to Keystone's v3 endpoint, such as http://keystone:5000/v3`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new IdentityConfigurationError(`KEYSTONE_URL=${url} must start with http:// or https://`);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new IdentityConfigurationError(
      `KEYSTONE_URL=${url} must not contain credentials, a query or a fragment`,
    );
  }
  return parsed.href.replace(/\/+$/, '');
}

/** Role names of a token, lower-cased and without duplicates. */
function roleNames(roles: unknown): string[] {
  if (!Array.isArray(roles)) return [];
  const names = roles
    .map((role: { name?: unknown }) =>
      typeof role?.name === 'string' ? role.name.toLowerCase() : '',
    )
    .filter((name) => name.length > 0);
  return [...new Set(names)];
}

async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The connection is closed or reused either way.
  }
}

function isTimeout(error: unknown): boolean {
  // Checks the name only: the DOMException that an aborted fetch raises is not an Error of
  // every realm, for instance under jest.
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function describeFetchError(error: unknown, url: string, timeoutMs: number): string {
  if (isTimeout(error)) return `Keystone at ${url} did not answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  const reason =
    cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `cannot reach Keystone at ${url} (${reason})`;
}
