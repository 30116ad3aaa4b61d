import { PolicyCheck, PolicySyntaxError, parsePolicyCheck } from './policy-check';

const role = (name: string): PolicyCheck => ({ kind: 'role', role: name });

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(parsePolicyCheck.name, () => {
  describe('when the string is trivial', () => {
    it('passes an empty string', () => {
      expect(parsePolicyCheck('')).toEqual({ kind: 'true' });
    });

    it('passes a blank string', () => {
      expect(parsePolicyCheck('   ')).toEqual({ kind: 'true' });
    });

    it('reads @ as always', () => {
      expect(parsePolicyCheck('@')).toEqual({ kind: 'true' });
    });

    it('reads ! as never', () => {
      expect(parsePolicyCheck('!')).toEqual({ kind: 'false' });
    });
  });

  describe('when reading single checks', () => {
    it('reads a rule reference', () => {
      expect(parsePolicyCheck('rule:context_is_admin')).toEqual({
        kind: 'rule',
        name: 'context_is_admin',
      });
    });

    it('lower-cases a role', () => {
      expect(parsePolicyCheck('role:Admin')).toEqual(role('admin'));
    });

    it('keeps a substitution whole', () => {
      expect(parsePolicyCheck('project_id:%(project_id)s')).toEqual({
        kind: 'generic',
        left: 'project_id',
        literal: false,
        right: '%(project_id)s',
      });
    });

    it('reads a quoted literal', () => {
      expect(parsePolicyCheck("'public':%(visibility)s")).toEqual({
        kind: 'generic',
        left: 'public',
        literal: true,
        right: '%(visibility)s',
      });
    });
  });

  describe('when combining checks', () => {
    it('binds and tighter than or', () => {
      expect(parsePolicyCheck('role:a or role:b and role:c')).toEqual({
        kind: 'or',
        checks: [role('a'), { kind: 'and', checks: [role('b'), role('c')] }],
      });
    });

    it('binds not tighter than and', () => {
      expect(parsePolicyCheck('not role:a and role:b')).toEqual({
        kind: 'and',
        checks: [{ kind: 'not', check: role('a') }, role('b')],
      });
    });

    it('groups with parentheses', () => {
      expect(parsePolicyCheck('(role:a or role:b) and role:c')).toEqual({
        kind: 'and',
        checks: [{ kind: 'or', checks: [role('a'), role('b')] }, role('c')],
      });
    });

    it('reads spaced parentheses', () => {
      expect(parsePolicyCheck('( role:a or role:b )')).toEqual({
        kind: 'or',
        checks: [role('a'), role('b')],
      });
    });

    it('reads nested parentheses', () => {
      expect(parsePolicyCheck('((role:a))')).toEqual(role('a'));
    });

    it('flattens chains of one operator', () => {
      expect(parsePolicyCheck('role:a or role:b or role:c')).toEqual({
        kind: 'or',
        checks: [role('a'), role('b'), role('c')],
      });
    });

    it('reads operators in any case', () => {
      expect(parsePolicyCheck('role:a AND NOT role:b')).toEqual({
        kind: 'and',
        checks: [role('a'), { kind: 'not', check: role('b') }],
      });
    });

    it('keeps substitutions inside groups', () => {
      expect(
        parsePolicyCheck(
          "rule:admin or (role:reader and (project_id:%(project_id)s or 'public':%(visibility)s))",
        ),
      ).toEqual({
        kind: 'or',
        checks: [
          { kind: 'rule', name: 'admin' },
          {
            kind: 'and',
            checks: [
              role('reader'),
              {
                kind: 'or',
                checks: [
                  { kind: 'generic', left: 'project_id', literal: false, right: '%(project_id)s' },
                  { kind: 'generic', left: 'public', literal: true, right: '%(visibility)s' },
                ],
              },
            ],
          },
        ],
      });
    });
  });

  describe('when the syntax is wrong', () => {
    const cases = [
      { label: 'a dangling operator', text: 'role:a and', position: 10 },
      { label: 'a word without colon', text: 'role:a or admin', position: 10 },
      { label: 'an empty key', text: ':x', position: 0 },
      { label: 'an unclosed group', text: '(role:a or role:b', position: 17 },
      { label: 'an extra closing', text: 'role:a )', position: 7 },
      { label: 'two checks in a row', text: 'role:a role:b', position: 7 },
    ];

    it.each(cases)('locates $label', ({ text, position }) => {
      const error = thrown(() => parsePolicyCheck(text));

      expect(error).toBeInstanceOf(PolicySyntaxError);
      expect((error as PolicySyntaxError).position).toBe(position);
    });

    it('quotes the string in the message', () => {
      const error = thrown(() => parsePolicyCheck('role:a and')) as Error;

      expect(error.message).toBe(
        'unexpected end of the check string at character 10 of "role:a and"',
      );
    });
  });
});
