import { DEFAULT_POLICY_RULES } from './default-rules';
import { PolicyFileError, mergePolicyOverrides, parsePolicyDocument } from './policy-file';

const FILE = '/etc/metadefs/policy.yaml';

/** Runs `action` and returns the problems its PolicyFileError lists; fails if nothing is thrown. */
function problemsOf(action: () => unknown): readonly string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof PolicyFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a PolicyFileError');
}

describe(parsePolicyDocument.name, () => {
  it('reads YAML', () => {
    const rules = parsePolicyDocument("add_metadef_tag: 'role:member'\n# a comment\n", FILE);

    expect(rules).toEqual({ add_metadef_tag: 'role:member' });
  });

  it('reads JSON', () => {
    const rules = parsePolicyDocument(
      '{"add_metadef_tag": "role:member", "add_metadef_tags": ""}',
      FILE,
    );

    expect(rules).toEqual({ add_metadef_tag: 'role:member', add_metadef_tags: '' });
  });

  it('reads an empty file as no rules', () => {
    expect(parsePolicyDocument('# nothing overridden\n', FILE)).toEqual({});
  });

  it('rejects invalid YAML with its position', () => {
    const problems = problemsOf(() => parsePolicyDocument('a: "role:x\n', FILE));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^not valid YAML or JSON: .* at line \d+, column \d+$/);
  });

  it('rejects a duplicate rule', () => {
    const problems = problemsOf(() => parsePolicyDocument('a: "@"\na: "!"\n', FILE));

    expect(problems[0]).toContain('Map keys must be unique');
  });

  it('rejects a list', () => {
    expect(problemsOf(() => parsePolicyDocument('- role:admin\n', FILE))).toEqual([
      'expected a map of rule names to check strings, found a list',
    ]);
  });

  it.each([
    ['add_metadef_tag: 42', 'the number 42'],
    ['add_metadef_tag: true', 'the boolean true'],
    ['add_metadef_tag:', 'an empty value'],
    ['add_metadef_tag: [role:admin]', 'a list'],
  ])('rejects %j', (text, found) => {
    expect(problemsOf(() => parsePolicyDocument(text, FILE))).toEqual([
      `rule "add_metadef_tag" must be a check string, found ${found}`,
    ]);
  });

  it('names the file in the message', () => {
    expect(() => parsePolicyDocument('add_metadef_tag: 1', FILE)).toThrow(
      `Invalid policy file ${FILE}: rule "add_metadef_tag" must be a check string, found the number 1`,
    );
  });
});

describe(mergePolicyOverrides.name, () => {
  it('keeps the defaults that are not overridden', () => {
    const { rules } = mergePolicyOverrides({ add_metadef_tag: 'role:member' }, FILE);

    expect(rules).toEqual({ ...DEFAULT_POLICY_RULES, add_metadef_tag: 'role:member' });
  });

  it('accepts a helper rule that another rule refers to', () => {
    const { rules } = mergePolicyOverrides(
      {
        owner_member: 'role:member and project_id:%(project_id)s',
        add_metadef_tag: 'rule:owner_member',
      },
      FILE,
    );

    expect(rules.owner_member).toBe('role:member and project_id:%(project_id)s');
  });

  it('accepts the legacy metadef_default rule', () => {
    expect(() =>
      mergePolicyOverrides({ get_metadef_tags: 'rule:metadef_default' }, FILE),
    ).not.toThrow();
  });

  it('rejects a rule nobody refers to, suggesting the closest name', () => {
    expect(problemsOf(() => mergePolicyOverrides({ add_metadef_namspace: '@' }, FILE))).toEqual([
      'rule "add_metadef_namspace" is not a metadef rule and no rule refers to it; ' +
        'did you mean "add_metadef_namespace"?',
    ]);
  });

  it('suggests nothing for a distant name', () => {
    expect(problemsOf(() => mergePolicyOverrides({ get_image: '@' }, FILE))).toEqual([
      'rule "get_image" is not a metadef rule and no rule refers to it',
    ]);
  });

  it('rejects a reference to an undefined rule', () => {
    expect(
      problemsOf(() => mergePolicyOverrides({ add_metadef_tag: 'role:a or rule:nobody' }, FILE)),
    ).toEqual(['rule "add_metadef_tag" refers to undefined rule "nobody"']);
  });

  it('rejects a syntax error with its position', () => {
    expect(
      problemsOf(() => mergePolicyOverrides({ add_metadef_tag: 'role:a and and role:b' }, FILE)),
    ).toEqual([
      'rule "add_metadef_tag" has a syntax error: "and" is not a check at character 11 of "role:a and and role:b"',
    ]);
  });

  it('rejects a cycle once', () => {
    const problems = problemsOf(() =>
      mergePolicyOverrides({ a: 'rule:b', b: 'rule:a', add_metadef_tag: 'rule:a' }, FILE),
    );

    expect(problems).toEqual(['rules refer to each other in a cycle: a -> b -> a']);
  });

  it('lists every problem', () => {
    const problems = problemsOf(() =>
      mergePolicyOverrides(
        { add_metadef_tag: 'rule:nobody', add_metadef_tags: 'or', typo_rule: '@' },
        FILE,
      ),
    );

    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('"add_metadef_tags" has a syntax error');
    expect(problems[1]).toContain('"add_metadef_tag" refers to undefined rule "nobody"');
    expect(problems[2]).toContain('"typo_rule" is not a metadef rule');
  });

  it('warns about an unknown credential', () => {
    const { warnings } = mergePolicyOverrides(
      { add_metadef_tag: 'projectid:%(project_id)s' },
      FILE,
    );

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'rule "add_metadef_tag": "projectid:%(project_id)s" is always false',
    );
  });

  it('warns about an unknown target value', () => {
    const { warnings } = mergePolicyOverrides({ add_metadef_tag: 'project_id:%(owner)s' }, FILE);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('the target has no "owner"');
  });

  it('does not warn about the default checks', () => {
    const { warnings } = mergePolicyOverrides(
      { add_metadef_tag: "role:member and (project_id:%(project_id)s or 'public':%(visibility)s)" },
      FILE,
    );

    expect(warnings).toEqual([]);
  });
});
