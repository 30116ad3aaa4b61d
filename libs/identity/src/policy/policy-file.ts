import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { IdentityConfigurationError } from '../identity-configuration.error';
import { DEFAULT_POLICY_RULES } from './default-rules';
import { PolicyCheck, PolicySyntaxError, parsePolicyCheck } from './policy-check';
import { POLICY_CREDENTIALS } from './policy-engine';

/**
 * The names that `%(name)s` can read: the metadef authorizer fills `project_id` (the
 * namespace's owner, else the caller's project) and `visibility` (the namespace's visibility).
 */
export const POLICY_TARGET_KEYS: readonly string[] = ['project_id', 'visibility'];

/** A policy file that cannot be used. The message names the file and each rule at fault. */
export class PolicyFileError extends IdentityConfigurationError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      problems.length === 1
        ? `Invalid policy file ${file}: ${problems[0]}`
        : `Invalid policy file ${file}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'PolicyFileError';
  }
}

/** Rules ready for the engine, and the warnings about checks that can never pass. */
export interface PolicyRules {
  readonly rules: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

/**
 * Reads a policy file (YAML or JSON, a map of rule name to check string) and merges it over
 * Glance's default rules. Raises `PolicyFileError` for any of these:
 * - an unreadable file, invalid YAML or JSON, or a value that is not a string;
 * - a check string that does not parse;
 * - a `rule:` reference to an undefined rule, or rules that refer to each other in a cycle;
 * - a name that is neither a default rule nor referenced by another rule, which is most likely
 *   a misspelt rule name.
 */
export function loadPolicyFile(file: string): PolicyRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolicyFileError(file, [`cannot read it: ${reason}`]);
  }
  return mergePolicyOverrides(parsePolicyDocument(text, file), file);
}

/** Parses the text of a policy file into a map of rule name to check string. */
export function parsePolicyDocument(text: string, file: string): Record<string, string> {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new PolicyFileError(
      file,
      document.errors.map((error) => `not valid YAML or JSON: ${firstLine(error.message)}`),
    );
  }
  const content: unknown = document.toJS();
  if (content === null || content === undefined) return {};
  if (typeof content !== 'object' || Array.isArray(content)) {
    throw new PolicyFileError(file, [
      `expected a map of rule names to check strings, found ${describeValue(content)}`,
    ]);
  }

  const overrides: Record<string, string> = {};
  const problems: string[] = [];
  for (const [rule, checkString] of Object.entries(content)) {
    if (typeof checkString === 'string') {
      overrides[rule] = checkString;
    } else {
      problems.push(`rule "${rule}" must be a check string, found ${describeValue(checkString)}`);
    }
  }
  if (problems.length > 0) throw new PolicyFileError(file, problems);
  return overrides;
}

/** Merges overrides over the default rules and checks the result; see `loadPolicyFile`. */
export function mergePolicyOverrides(
  overrides: Readonly<Record<string, string>>,
  file: string,
): PolicyRules {
  const rules: Record<string, string> = { ...DEFAULT_POLICY_RULES, ...overrides };
  const parsed = new Map<string, PolicyCheck>();
  const problems: string[] = [];
  for (const [rule, checkString] of Object.entries(rules)) {
    try {
      parsed.set(rule, parsePolicyCheck(checkString));
    } catch (error) {
      if (!(error instanceof PolicySyntaxError)) throw error;
      problems.push(`rule "${rule}" has a syntax error: ${error.message}`);
    }
  }

  const referenced = new Set<string>();
  for (const [rule, check] of parsed) {
    for (const name of referencedRules(check)) {
      referenced.add(name);
      if (!Object.hasOwn(rules, name))
        problems.push(`rule "${rule}" refers to undefined rule "${name}"`);
    }
  }
  for (const rule of Object.keys(overrides)) {
    if (Object.hasOwn(DEFAULT_POLICY_RULES, rule) || referenced.has(rule)) continue;
    const suggestion = closestName(rule, Object.keys(DEFAULT_POLICY_RULES));
    problems.push(
      `rule "${rule}" is not a metadef rule and no rule refers to it` +
        (suggestion ? `; did you mean "${suggestion}"?` : ''),
    );
  }
  problems.push(...findCycles(parsed));
  if (problems.length > 0) throw new PolicyFileError(file, problems);

  const warnings = Object.keys(overrides).flatMap((rule) =>
    unsatisfiableChecks(parsed.get(rule) as PolicyCheck).map(
      (reason) => `rule "${rule}": ${reason}`,
    ),
  );
  return { rules, warnings };
}

function referencedRules(check: PolicyCheck): string[] {
  switch (check.kind) {
    case 'and':
    case 'or':
      return check.checks.flatMap(referencedRules);
    case 'not':
      return referencedRules(check.check);
    case 'rule':
      return [check.name];
    default:
      return [];
  }
}

/** Describes every `rule:` cycle once, such as `a -> b -> a`. */
function findCycles(parsed: ReadonlyMap<string, PolicyCheck>): string[] {
  const cycles: string[] = [];
  const finished = new Set<string>();
  const visit = (rule: string, path: string[]): void => {
    if (path.includes(rule)) {
      const cycle = [...path.slice(path.indexOf(rule)), rule];
      cycles.push(`rules refer to each other in a cycle: ${cycle.join(' -> ')}`);
      return;
    }
    if (finished.has(rule)) return;
    const check = parsed.get(rule);
    if (check) {
      for (const name of referencedRules(check)) visit(name, [...path, rule]);
    }
    finished.add(rule);
  };
  for (const rule of parsed.keys()) visit(rule, []);
  return cycles;
}

/**
 * Lists the generic checks of a rule that are always false here: a credential this service
 * does not provide, or a `%(name)s` the authorizer never fills.
 */
function unsatisfiableChecks(check: PolicyCheck): string[] {
  switch (check.kind) {
    case 'and':
    case 'or':
      return check.checks.flatMap(unsatisfiableChecks);
    case 'not':
      return unsatisfiableChecks(check.check);
    case 'generic': {
      const reasons: string[] = [];
      if (!check.literal && !POLICY_CREDENTIALS.includes(check.left)) {
        reasons.push(
          `"${check.left}:${check.right}" is always false because "${check.left}" is not a ` +
            `credential; known credentials: ${POLICY_CREDENTIALS.join(', ')}`,
        );
      }
      for (const [, name] of check.right.matchAll(/%\(([^)]+)\)s/g)) {
        if (!POLICY_TARGET_KEYS.includes(name)) {
          reasons.push(
            `"${check.left}:${check.right}" is always false because the target has no ` +
              `"${name}"; known target values: ${POLICY_TARGET_KEYS.join(', ')}`,
          );
        }
      }
      return reasons;
    }
    default:
      return [];
  }
}

/** Finds the candidate fewest edits away from `name`, if it is at most 3 edits away. */
function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}
