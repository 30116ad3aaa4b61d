/**
 * The policy matrix with real Keystone tokens: every route of the metadefs API, for each seeded
 * persona (admin, member and reader of project alpha, member and reader of project beta), on a
 * public and a private namespace of each project. It runs twice: with Glance's default rules,
 * and with a policy file that lets members manage their own project's namespaces.
 *
 * Needs `npm run build`; starts Keystone with scripts/services/keystone.sh when it is not running.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keystoneEnvironment, startApi, type ApiProcess } from './support/api-process';
import { errorMessage, messages, paths, send, type ApiResponse } from './support/http';
import { allPersonas, issueToken, personas, useKeystone, type Persona } from './support/keystone';
import {
  OBJECT,
  PROPERTY,
  TAG,
  defaultPolicy,
  expectedAnswer,
  fixtureSpecs,
  isAdmin,
  isVisible,
  memberPolicy,
  memberPolicyFile,
  namespaceRoutes,
  schemaKinds,
  type ExpectedPolicy,
  type FixtureSpec,
  type ProjectName,
} from './support/matrix';

jest.setTimeout(60_000);

useKeystone();

const readRoutes = namespaceRoutes.filter((route) => !route.write);
const writeRoutes = namespaceRoutes.filter((route) => route.write);

const scenarios: Array<{ policy: ExpectedPolicy; policyFile?: string }> = [
  { policy: defaultPolicy },
  { policy: memberPolicy, policyFile: memberPolicyFile },
];

describe.each(scenarios)('$policy.title', ({ policy, policyFile }) => {
  const runId = Math.random().toString(16).slice(2, 10);
  // Read fixtures carry this resource type, so the namespace list can be limited to them.
  const readResourceType = `Int::Identity::Read${runId}`;
  const writeResourceType = `Int::Identity::Write${runId}`;
  const tokens = new Map<string, string>();
  const projectIds = new Map<ProjectName, string>();
  const readFixtures = new Map<string, string>();
  let api: ApiProcess;
  let counter = 0;

  const tokenOf = (persona: Persona) => tokens.get(persona.user) as string;
  const adminToken = () => tokenOf(personas.alphaAdmin);

  /**
   * Creates a namespace as alpha's admin. Alpha's namespaces take the creator's project as
   * owner by default; beta's set `owner` in the body.
   */
  async function createFixture(spec: FixtureSpec, resourceType: string): Promise<string> {
    counter += 1;
    const name = `int-${spec.label}-${runId}-${counter}`;
    const body: Record<string, unknown> = {
      namespace: name,
      visibility: spec.visibility,
      resource_type_associations: [{ name: resourceType }],
      properties: { [PROPERTY]: { title: 'Size', type: 'integer' } },
      objects: [{ name: OBJECT }],
      tags: [{ name: TAG }],
    };
    if (spec.owner !== 'alpha') body.owner = projectIds.get(spec.owner);
    const response = await send(api.url, 'POST', paths.namespaces, {
      token: adminToken(),
      json: body,
    });
    if (response.status !== 201) {
      throw new Error(`Creating fixture ${name} returned ${response.status}: ${response.text}`);
    }
    return name;
  }

  async function deleteNamespace(name: string): Promise<void> {
    const response = await send(api.url, 'DELETE', paths.namespace(name), { token: adminToken() });
    if (response.status !== 204 && response.status !== 404) {
      throw new Error(`Deleting ${name} returned ${response.status}: ${response.text}`);
    }
  }

  function expectAnswer(
    response: ApiResponse,
    expected: { status: number; message?: string },
  ): void {
    expect({
      status: response.status,
      message: expected.message === undefined ? undefined : errorMessage(response),
    }).toEqual(expected);
  }

  beforeAll(async () => {
    let policyPath: string | undefined;
    if (policyFile) {
      policyPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'int-policy-')), 'policy.yaml');
      fs.writeFileSync(policyPath, policyFile);
    }
    api = await startApi(keystoneEnvironment({ POLICY_FILE: policyPath }));
    for (const persona of allPersonas) {
      const { token, body } = await issueToken(persona.user, persona.project);
      tokens.set(persona.user, token);
      projectIds.set(persona.project, body.token.project?.id as string);
    }
    for (const spec of fixtureSpecs)
      readFixtures.set(spec.label, await createFixture(spec, readResourceType));
  }, 120_000);

  afterAll(async () => {
    if (api?.isRunning()) {
      for (const name of readFixtures.values()) await deleteNamespace(name);
    }
    await api?.stop();
  });

  it('lists the roles Keystone implies', async () => {
    for (const persona of allPersonas) {
      const { body } = await issueToken(persona.user, persona.project);
      const roles = (body.token.roles ?? []).map((role) => role.name).sort();
      expect({ user: persona.user, roles }).toEqual({
        user: persona.user,
        roles: [...persona.roles].sort(),
      });
    }
  });

  it("sets the creator's project as owner", async () => {
    const name = readFixtures.get('alpha-private') as string;

    const response = await send(api.url, 'GET', paths.namespace(name), { token: adminToken() });

    expect(response.status).toBe(200);
    expect(response.json.owner).toBe(projectIds.get('alpha'));
  });

  describe.each(allPersonas)('$user', (persona) => {
    const readCases = readRoutes.flatMap((route) =>
      fixtureSpecs.map((fixture) => ({ route, fixture })),
    );
    const writeCases = writeRoutes.flatMap((route) =>
      fixtureSpecs.map((fixture) => ({ route, fixture })),
    );

    it.each(readCases)('$route.label on $fixture.label', async ({ route, fixture }) => {
      const namespace = readFixtures.get(fixture.label) as string;

      const response = await send(api.url, route.method, route.path(namespace, readResourceType), {
        token: tokenOf(persona),
      });

      expectAnswer(response, expectedAnswer(route, persona, fixture, namespace, policy));
    });

    it.each(writeCases)('$route.label on $fixture.label', async ({ route, fixture }) => {
      const namespace = await createFixture(fixture, writeResourceType);
      try {
        const response = await send(
          api.url,
          route.method,
          route.path(namespace, writeResourceType),
          {
            token: tokenOf(persona),
            json: route.body?.(namespace),
          },
        );

        expectAnswer(response, expectedAnswer(route, persona, fixture, namespace, policy));
      } finally {
        await deleteNamespace(namespace);
      }
    });

    it('lists exactly the namespaces it may see', async () => {
      const response = await send(
        api.url,
        'GET',
        `${paths.namespaces}?resource_types=${encodeURIComponent(readResourceType)}&limit=100`,
        { token: tokenOf(persona) },
      );

      expect(response.status).toBe(200);
      const listed = (response.json.namespaces as Array<{ namespace: string }>)
        .map((item) => item.namespace)
        .sort();
      const expected = fixtureSpecs
        .filter((fixture) => isVisible(persona, fixture))
        .map((fixture) => readFixtures.get(fixture.label) as string)
        .sort();
      expect(listed).toEqual(expected);
    });

    it('gets 404 for a hidden marker', async () => {
      const other = persona.project === 'alpha' ? 'beta-private' : 'alpha-private';
      const marker = readFixtures.get(other) as string;

      const response = await send(
        api.url,
        'GET',
        `${paths.namespaces}?marker=${encodeURIComponent(marker)}`,
        {
          token: tokenOf(persona),
        },
      );

      if (isAdmin(persona)) {
        expect(response.status).toBe(200);
      } else {
        expectAnswer(response, { status: 404, message: messages.markerNotFound(marker) });
      }
    });

    it('creates a namespace only when the policy allows', async () => {
      counter += 1;
      const name = `int-created-${runId}-${counter}`;

      const response = await send(api.url, 'POST', paths.namespaces, {
        token: tokenOf(persona),
        json: { namespace: name },
      });

      try {
        if (policy.canCreateNamespace(persona)) {
          expect(response.status).toBe(201);
          expect(response.json.owner).toBe(projectIds.get(persona.project));
        } else {
          expectAnswer(response, {
            status: 403,
            message: messages.forbidden('add_metadef_namespace'),
          });
        }
      } finally {
        await deleteNamespace(name);
      }
    });

    it('lists resource types', async () => {
      const response = await send(api.url, 'GET', paths.resourceTypes, { token: tokenOf(persona) });

      expect(response.status).toBe(200);
      const names = (response.json.resource_types as Array<{ name: string }>).map(
        (item) => item.name,
      );
      expect(names).toContain(readResourceType);
    });

    it.each(schemaKinds)('reads schema %s', async (kind) => {
      const response = await send(api.url, 'GET', paths.schema(kind), { token: tokenOf(persona) });

      expect(response.status).toBe(200);
    });
  });
});
