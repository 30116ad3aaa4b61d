import { Identity } from '../identity';
import { DEFAULT_POLICY_RULES } from './default-rules';
import { PolicyConfigurationError, PolicyEngine } from './policy-engine';

function identity(projectId: string | null, roles: string[], userId = 'user-1'): Identity {
  return { userId, projectId, domainId: 'default', roles, readOnly: false };
}

const ADMIN = identity('admin-project', ['admin', 'member', 'reader']);
const READER = identity('reader-project', ['reader', 'member']);
const MEMBER_ONLY = identity('reader-project', ['member']);
const ANONYMOUS = identity(null, []);

const OWN_PRIVATE = { project_id: 'reader-project', visibility: 'private' };
const OTHER_PRIVATE = { project_id: 'other-project', visibility: 'private' };
const OTHER_PUBLIC = { project_id: 'other-project', visibility: 'public' };

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(PolicyEngine.name, () => {
  const engine = new PolicyEngine(DEFAULT_POLICY_RULES);

  describe('when applying the default rules', () => {
    const cases = [
      {
        callerName: 'admin',
        credentials: ADMIN,
        rule: 'get_metadef_namespace',
        target: OTHER_PRIVATE,
        allowed: true,
      },
      {
        callerName: 'admin',
        credentials: ADMIN,
        rule: 'delete_metadef_namespace',
        target: OTHER_PRIVATE,
        allowed: true,
      },
      {
        callerName: 'admin',
        credentials: ADMIN,
        rule: 'add_metadef_namespace',
        target: {},
        allowed: true,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'get_metadef_namespace',
        target: OWN_PRIVATE,
        allowed: true,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'get_metadef_objects',
        target: OWN_PRIVATE,
        allowed: true,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'get_metadef_namespace',
        target: OTHER_PUBLIC,
        allowed: true,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'get_metadef_tags',
        target: OTHER_PUBLIC,
        allowed: true,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'get_metadef_namespace',
        target: OTHER_PRIVATE,
        allowed: false,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'modify_metadef_namespace',
        target: OWN_PRIVATE,
        allowed: false,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'add_metadef_tag',
        target: OTHER_PUBLIC,
        allowed: false,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'get_metadef_namespaces',
        target: { project_id: 'reader-project' },
        allowed: true,
      },
      {
        callerName: 'reader',
        credentials: READER,
        rule: 'list_metadef_resource_types',
        target: { project_id: 'reader-project' },
        allowed: true,
      },
      {
        callerName: 'member',
        credentials: MEMBER_ONLY,
        rule: 'get_metadef_namespace',
        target: OWN_PRIVATE,
        allowed: false,
      },
      {
        callerName: 'member',
        credentials: MEMBER_ONLY,
        rule: 'get_metadef_namespace',
        target: OTHER_PUBLIC,
        allowed: false,
      },
      {
        callerName: 'anonymous',
        credentials: ANONYMOUS,
        rule: 'get_metadef_namespace',
        target: OTHER_PUBLIC,
        allowed: false,
      },
    ];

    it.each(cases)(
      'answers $allowed for $callerName on $rule',
      ({ credentials, rule, target, allowed }) => {
        expect(engine.enforce(rule, credentials, target)).toBe(allowed);
      },
    );

    it('treats a missing visibility as false', () => {
      const reader = identity('reader-project', ['reader']);

      expect(engine.enforce('get_metadef_namespace', reader, { project_id: 'other' })).toBe(false);
    });

    it('never passes an unknown rule', () => {
      expect(engine.enforce('no_such_rule', ADMIN, {})).toBe(false);
    });

    it('knows every default rule', () => {
      expect(Object.keys(DEFAULT_POLICY_RULES).every((rule) => engine.has(rule))).toBe(true);
    });
  });

  describe('when rules use other checks', () => {
    it('matches user ids', () => {
      const custom = new PolicyEngine({ own: 'user_id:%(user_id)s' });

      expect(custom.enforce('own', identity('p', [], 'u-7'), { user_id: 'u-7' })).toBe(true);
    });

    it('negates with not', () => {
      const custom = new PolicyEngine({ no_admin: 'not role:admin' });

      expect(custom.enforce('no_admin', ADMIN, {})).toBe(false);
    });

    it('passes the empty check string', () => {
      const custom = new PolicyEngine({ open: '' });

      expect(custom.enforce('open', ANONYMOUS, {})).toBe(true);
    });

    it('fails an anonymous project match', () => {
      const custom = new PolicyEngine({ mine: 'project_id:%(project_id)s' });

      expect(custom.enforce('mine', ANONYMOUS, { project_id: '' })).toBe(false);
    });

    it('compares literal strings', () => {
      const custom = new PolicyEngine({ pub: "'public':%(visibility)s" });

      expect(custom.enforce('pub', ANONYMOUS, { visibility: 'public' })).toBe(true);
    });
  });

  describe('when the rules are inconsistent', () => {
    it('rejects an unknown reference', () => {
      const error = thrown(() => new PolicyEngine({ a: 'rule:missing' }));

      expect(error).toBeInstanceOf(PolicyConfigurationError);
      expect((error as Error).message).toBe('Rule "a" refers to an unknown rule "missing"');
    });

    it('rejects a cycle', () => {
      const error = thrown(() => new PolicyEngine({ a: 'rule:b', b: 'role:x or rule:a' }));

      expect(error).toBeInstanceOf(PolicyConfigurationError);
      expect((error as Error).message).toContain('a -> b -> a');
    });

    it('rejects a rule naming itself', () => {
      const error = thrown(() => new PolicyEngine({ a: 'not rule:a' }));

      expect(error).toBeInstanceOf(PolicyConfigurationError);
    });

    it('accepts shared references', () => {
      const rules = {
        base: 'role:x',
        left: 'rule:base',
        right: 'rule:base',
        top: 'rule:left and rule:right',
      };

      expect(new PolicyEngine(rules).enforce('top', identity('p', ['x']), {})).toBe(true);
    });
  });
});
