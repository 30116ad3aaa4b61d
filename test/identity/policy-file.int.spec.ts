/**
 * POLICY_FILE at start: a broken file stops the API with a message naming the file and the
 * rule, and a JSON file is read like a YAML one.
 *
 * Needs `npm run build`; starts Keystone with scripts/services/keystone.sh when it is not
 * running (only the JSON test uses it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keystoneEnvironment, runApiUntilExit, startApi } from './support/api-process';
import { errorMessage, messages, paths, send } from './support/http';
import { issueToken, personas, useKeystone } from './support/keystone';

jest.setTimeout(60_000);

useKeystone();

let folder: string;

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'int-policy-file-'));
});

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function writePolicy(name: string, content: string): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The line the API prints last when it fails to start. */
function startFailure(output: string): string | undefined {
  return output.split('\n').find((line) => line.startsWith('The metadefs API failed to start: '));
}

const brokenFiles: Array<{ title: string; name: string; content: string; expected: string }> = [
  {
    title: 'a misspelt rule name',
    name: 'misspelt.yaml',
    content: "add_metadef_namspace: 'role:member'\n",
    expected:
      'rule "add_metadef_namspace" is not a metadef rule and no rule refers to it; ' +
      'did you mean "add_metadef_namespace"?',
  },
  {
    title: 'a reference to an undefined rule',
    name: 'undefined-reference.yaml',
    content: "add_metadef_namespace: 'rule:project_member'\n",
    expected: 'rule "add_metadef_namespace" refers to undefined rule "project_member"',
  },
  {
    title: 'a syntax error in a check string',
    name: 'syntax.yaml',
    content: "modify_metadef_tag: 'role:admin or (role:member'\n",
    expected:
      'rule "modify_metadef_tag" has a syntax error: missing ")" at character 26 of ' +
      '"role:admin or (role:member"',
  },
  {
    title: 'a value that is not a string',
    name: 'number.yaml',
    content: 'delete_metadef_tag: 42\n',
    expected: 'rule "delete_metadef_tag" must be a check string, found the number 42',
  },
  {
    title: 'rules in a cycle',
    name: 'cycle.json',
    content: '{"a": "rule:b", "b": "rule:a", "add_metadef_tag": "rule:a"}\n',
    expected: 'rules refer to each other in a cycle: a -> b -> a',
  },
  {
    title: 'invalid JSON',
    name: 'invalid.json',
    content: '{"add_metadef_tag": "role:admin",\n "add_metadef_tags" "role:admin"}\n',
    expected: 'not valid YAML or JSON: ',
  },
];

describe('broken policy file', () => {
  it.each(brokenFiles)('stops the start for $title', async ({ name, content, expected }) => {
    const file = writePolicy(name, content);

    const { code, output } = await runApiUntilExit(keystoneEnvironment({ POLICY_FILE: file }));

    expect(code).toBe(2);
    expect(startFailure(output)).toContain(`Invalid policy file ${file}: `);
    expect(startFailure(output)).toContain(expected);
  });

  it('stops the start for a missing file', async () => {
    const file = path.join(folder, 'missing.yaml');

    const { code, output } = await runApiUntilExit(keystoneEnvironment({ POLICY_FILE: file }));

    expect(code).toBe(2);
    expect(startFailure(output)).toContain(`Invalid policy file ${file}: cannot read it: ENOENT`);
  });

  it('stops the start for a folder', async () => {
    const { code, output } = await runApiUntilExit(keystoneEnvironment({ POLICY_FILE: folder }));

    expect(code).toBe(2);
    expect(startFailure(output)).toContain(`Invalid policy file ${folder}: cannot read it: EISDIR`);
  });
});

describe('JSON policy file', () => {
  it('lets members create namespaces', async () => {
    const file = writePolicy('members-create.json', '{"add_metadef_namespace": "role:member"}\n');
    const api = await startApi(keystoneEnvironment({ POLICY_FILE: file }));
    try {
      const member = await issueToken(personas.alphaMember.user, 'alpha');
      const reader = await issueToken(personas.alphaReader.user, 'alpha');
      const suffix = Math.random().toString(16).slice(2, 10);

      const byMember = await send(api.url, 'POST', paths.namespaces, {
        token: member.token,
        json: { namespace: `int-json-policy-${suffix}` },
      });
      const byReader = await send(api.url, 'POST', paths.namespaces, {
        token: reader.token,
        json: { namespace: `int-json-policy-reader-${suffix}` },
      });

      expect(byMember.status).toBe(201);
      expect(byReader.status).toBe(403);
      expect(errorMessage(byReader)).toBe(messages.forbidden('add_metadef_namespace'));
    } finally {
      await api.stop();
    }
  });
});
