import { Inject, Injectable } from '@nestjs/common';
import { PolicyEngine, type Identity, type PolicyTargetValues } from '@metadefs/identity';
import { ForbiddenError } from '../domain/catalog-error';
import { Caller, DecisionContext, PolicyTarget } from '../domain/decision';
import { Messages } from '../domain/messages';
import { PolicyRule } from '../domain/policy-rule';
import { ResourceNotFoundError } from '../../namespaces/domain/namespace.errors';

/** Nest injection token of the process's `PolicyEngine`. */
export const POLICY_ENGINE = Symbol('POLICY_ENGINE');

/**
 * Applies the metadef policy for one caller. A denied rule answers 404 when the caller could
 * not even read the namespace (or the rule is the namespace read itself), so nobody learns
 * about namespaces they cannot see; otherwise it answers 403.
 */
@Injectable()
export class MetadefAuthorizer {
  constructor(@Inject(POLICY_ENGINE) private readonly policy: PolicyEngine) {}

  callerOf(identity: Identity): Caller {
    return {
      projectId: identity.projectId,
      isAdmin: this.policy.enforce('context_is_admin', identity, {}),
    };
  }

  /** Whether the rule passes, without raising. */
  allows(identity: Identity, rule: PolicyRule, target?: PolicyTarget): boolean {
    return this.policy.enforce(rule, identity, targetValues(identity, target));
  }

  authorize(identity: Identity, rule: PolicyRule, target?: PolicyTarget): void {
    const values = targetValues(identity, target);
    if (this.policy.enforce(rule, identity, values)) return;
    if (rule === 'get_metadef_namespace' || !this.policy.enforce('get_metadef_namespace', identity, values)) {
      throw new ResourceNotFoundError();
    }
    throw new ForbiddenError(Messages.POLICY_FORBIDDEN, { rule });
  }

  /** The context a decision runs in for this caller at this instant. */
  decisionContext(identity: Identity, now: Date): DecisionContext {
    return {
      now,
      caller: this.callerOf(identity),
      authorize: (rule, target) => this.authorize(identity, rule, target),
    };
  }
}

/**
 * What `%(project_id)s` and `%(visibility)s` stand for: the namespace's owner and visibility
 * when one is involved, else the caller's own project and no visibility.
 */
function targetValues(identity: Identity, target?: PolicyTarget): PolicyTargetValues {
  if (target) {
    return { project_id: target.owner, visibility: target.visibility ?? 'private' };
  }
  return { project_id: identity.projectId ?? undefined };
}
