/**
 * Constants and helpers for the unit specs of the namespace domain. They build decision contexts
 * whose policy records its checks, and states seeded through the create-namespace decision.
 */
import { randomUUID } from 'node:crypto';

import {
  CatalogError,
  CatalogMessage,
  ForbiddenError,
} from '../../../../shared/domain/catalog-error';
import {
  Caller,
  Decision,
  DecisionContext,
  PolicyTarget,
} from '../../../../shared/domain/decision';
import { Messages } from '../../../../shared/domain/messages';
import { PolicyRule } from '../../../../shared/domain/policy-rule';
import { CatalogEvent } from '../../../../write-model/catalog-event';
import { CatalogState } from '../../../../write-model/catalog-state';
import { Commit } from '../../../../write-model/commit';
import { NamespaceInput } from '../../namespace.inputs';
import { decideCreateNamespace } from '../namespace.decisions';

/** The clock of `fakeContext` unless a test sets `now`. */
export const NOW = new Date('2024-05-06T07:08:09.123Z');
/** `NOW` as event payloads format it, without milliseconds. */
export const NOW_TEXT = '2024-05-06T07:08:09Z';
/** The clock at which `seed` and `seededState` create their namespaces. */
export const EARLIER = new Date('2023-01-02T03:04:05Z');
export const EARLIER_TEXT = '2023-01-02T03:04:05Z';
export const EMOJI = '\u{1F600}';
/** A caller outside the admin project and without the admin role. */
export const READER: Partial<Caller> = { projectId: 'reader-project', isAdmin: false };

export interface PolicyCall {
  readonly rule: PolicyRule;
  readonly target?: PolicyTarget;
}

/** Creates a decision context whose policy records every check and denies the rules in `deny`. */
export function fakeContext(
  options: { caller?: Partial<Caller>; deny?: readonly PolicyRule[]; now?: Date } = {},
): { context: DecisionContext; calls: PolicyCall[] } {
  const calls: PolicyCall[] = [];
  const context: DecisionContext = {
    now: options.now ?? NOW,
    caller: { projectId: 'admin-project', isAdmin: true, ...options.caller },
    authorize(rule, target) {
      calls.push(target === undefined ? { rule } : { rule, target });
      if (options.deny?.includes(rule)) {
        throw new ForbiddenError(Messages.POLICY_FORBIDDEN, { rule });
      }
    },
  };
  return { context, calls };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Builds the commit a writer would append for a decision taken against `state`. */
export function commitOf(state: CatalogState, decision: Decision<unknown>): Commit {
  const expectedVersions: Record<string, number> = {};
  for (const stream of decision.streams) expectedVersions[stream] = state.versionOf(stream);
  return {
    id: randomUUID(),
    expectedVersions,
    events: decision.events.map((event, index) => ({
      position: state.position + index + 1,
      event: event as CatalogEvent,
    })),
  };
}

/**
 * Creates a namespace with its children in `state` through the create-namespace decision, as an
 * admin at `EARLIER`.
 */
export function seed(state: CatalogState, input: NamespaceInput): void {
  const { context } = fakeContext({ now: EARLIER });
  const result = state.apply(commitOf(state, decideCreateNamespace(state, input, context)));
  if (result.outcome !== 'applied') throw new Error(`Seeding failed: ${result.reason}`);
}

/** Creates a new state that contains only the namespace that `seed` creates from `input`. */
export function seededState(input: NamespaceInput): CatalogState {
  const state = new CatalogState();
  seed(state, input);
  return state;
}

/** Runs `action` and returns the error it throws. Throws when `action` returns normally. */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

export function detailOf(error: unknown): CatalogMessage {
  return (error as CatalogError).detail;
}
