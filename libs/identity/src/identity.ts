/** Who sent a request, as the authentication strategy established it. */
export interface Identity {
  readonly userId: string | null;
  readonly projectId: string | null;
  readonly domainId: string | null;
  /** Role names, lower-cased. */
  readonly roles: readonly string[];
  /** True for an anonymous caller admitted by configuration; such callers cannot write. */
  readonly readOnly: boolean;
}
