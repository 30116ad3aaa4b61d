import { DomainEvent } from './domain-event';
import { PolicyRule } from './policy-rule';

/** Who is acting, as far as decisions need it. */
export interface Caller {
  /** The caller's project; becomes the owner of what it creates. Null for anonymous callers. */
  readonly projectId: string | null;
  /** Whether the caller passes `context_is_admin`; admins see every namespace. */
  readonly isAdmin: boolean;
}

/** The namespace fields a policy check reads: its owner and visibility. */
export interface PolicyTarget {
  readonly owner: string;
  readonly visibility: string | null;
}

/** What a decision may consult besides the catalog: the clock, the caller and the policy. */
export interface DecisionContext {
  readonly now: Date;
  readonly caller: Caller;
  /**
   * Enforces a policy rule, against a namespace when one is involved. Throws the 403 or the
   * 404 that the policy's answer maps to.
   */
  authorize(rule: PolicyRule, target?: PolicyTarget): void;
}

/**
 * The outcome of deciding a command: the events to append as one commit, the streams whose
 * versions the decision read (the commit applies only if they are unchanged when it reaches
 * the log), and the value the command returns.
 */
export interface Decision<TResult> {
  readonly events: readonly DomainEvent[];
  readonly streams: readonly string[];
  readonly result: TResult;
}

/** The version stream of a namespace name; renames and creates touch the streams of both names. */
export function namespaceStream(name: string): string {
  return `namespace:${name}`;
}

/** The version stream of a resource type name. */
export function resourceTypeStream(name: string): string {
  return `resource_type:${name}`;
}
