import { Identity } from '../identity';
import { PolicyCheck, parsePolicyCheck } from './policy-check';

/** The values a rule's `%(name)s` substitutions read, such as the namespace's owner. */
export type PolicyTargetValues = Readonly<Record<string, string | undefined>>;

/** A rule names another rule that does not exist, or rules refer to each other in a cycle. */
export class PolicyConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyConfigurationError';
  }
}

/**
 * Evaluates oslo.policy rules. Rules are parsed once; `rule:` references are checked when the
 * engine is built, so a typo stops the service at start instead of denying requests later.
 */
export class PolicyEngine {
  private readonly rules = new Map<string, PolicyCheck>();

  constructor(checkStrings: Readonly<Record<string, string>>) {
    for (const [name, checkString] of Object.entries(checkStrings)) {
      this.rules.set(name, parsePolicyCheck(checkString));
    }
    for (const [name, check] of this.rules) {
      this.verifyReferences(name, check, [name]);
    }
  }

  has(rule: string): boolean {
    return this.rules.has(rule);
  }

  /** Whether the identity passes `rule` for the target; an unknown rule never passes. */
  enforce(rule: string, identity: Identity, target: PolicyTargetValues): boolean {
    const check = this.rules.get(rule);
    return check ? this.evaluate(check, identity, target) : false;
  }

  private evaluate(check: PolicyCheck, identity: Identity, target: PolicyTargetValues): boolean {
    switch (check.kind) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'and':
        return check.checks.every((inner) => this.evaluate(inner, identity, target));
      case 'or':
        return check.checks.some((inner) => this.evaluate(inner, identity, target));
      case 'not':
        return !this.evaluate(check.check, identity, target);
      case 'rule':
        return this.enforce(check.name, identity, target);
      case 'role':
        return identity.roles.includes(check.role);
      case 'generic':
        return this.evaluateGeneric(check, identity, target);
    }
  }

  private evaluateGeneric(
    check: Extract<PolicyCheck, { kind: 'generic' }>,
    identity: Identity,
    target: PolicyTargetValues,
  ): boolean {
    const expected = substitute(check.right, target);
    if (expected === undefined) return false;
    if (check.literal) return check.left === expected;
    const actual = credential(identity, check.left);
    return actual !== undefined && actual === expected;
  }

  private verifyReferences(rule: string, check: PolicyCheck, path: string[]): void {
    switch (check.kind) {
      case 'and':
      case 'or':
        check.checks.forEach((inner) => this.verifyReferences(rule, inner, path));
        return;
      case 'not':
        this.verifyReferences(rule, check.check, path);
        return;
      case 'rule': {
        const referenced = this.rules.get(check.name);
        if (!referenced) {
          throw new PolicyConfigurationError(`Rule "${rule}" refers to an unknown rule "${check.name}"`);
        }
        if (path.includes(check.name)) {
          throw new PolicyConfigurationError(`Rules refer to each other in a cycle: ${[...path, check.name].join(' -> ')}`);
        }
        this.verifyReferences(rule, referenced, [...path, check.name]);
        return;
      }
      default:
        return;
    }
  }
}

/** Fills `%(name)s` placeholders from the target; undefined when a named value is missing. */
function substitute(template: string, target: PolicyTargetValues): string | undefined {
  let missing = false;
  const value = template.replace(/%\(([^)]+)\)s/g, (_, name: string) => {
    const replacement = target[name];
    if (replacement === undefined) missing = true;
    return replacement ?? '';
  });
  return missing ? undefined : value;
}

/**
 * The credentials a generic check such as `project_id:%(project_id)s` can compare, with the
 * older oslo.context names. `domain_id` is the project's domain here.
 */
const CREDENTIALS: Readonly<Record<string, (identity: Identity) => string | null>> = {
  project_id: (identity) => identity.projectId,
  tenant: (identity) => identity.projectId,
  tenant_id: (identity) => identity.projectId,
  user_id: (identity) => identity.userId,
  user: (identity) => identity.userId,
  domain_id: (identity) => identity.domainId,
  project_domain_id: (identity) => identity.domainId,
};

/** Names of the credentials that generic checks can compare. */
export const POLICY_CREDENTIALS: readonly string[] = Object.keys(CREDENTIALS);

function credential(identity: Identity, key: string): string | undefined {
  return Object.hasOwn(CREDENTIALS, key) ? (CREDENTIALS[key](identity) ?? undefined) : undefined;
}
