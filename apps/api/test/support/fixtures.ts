import { randomBytes } from 'node:crypto';
import { api, paths } from './api';
import type { HttpResponse } from './http-client';
import { admin, type Identity } from './identities';

/** Returns a name no other test uses: `e2e-<random hex>`, with an optional readable part. */
export function uniqueName(label = ''): string {
  const random = randomBytes(6).toString('hex');
  return label ? `e2e-${label}-${random}` : `e2e-${random}`;
}

/**
 * Returns a resource type name no other test uses. Associating test namespaces with it lets a
 * test list exactly its own namespaces (`?resource_types=`) on a server that holds others.
 */
export function uniqueResourceType(): string {
  return `E2E::Test::${randomBytes(6).toString('hex')}`;
}

/** Creates namespaces through the API and deletes them after each test. */
export class NamespaceFixtures {
  private readonly tracked = new Set<string>();

  /**
   * Creates a namespace as `as` (default admin) and fails the test unless Glance answers 201.
   * `namespace` defaults to a unique name.
   */
  async create(
    body: Record<string, unknown> = {},
    as: Identity = admin,
  ): Promise<{ name: string; response: HttpResponse }> {
    const name = (body.namespace as string | undefined) ?? uniqueName('ns');
    const response = await api.post(paths.namespaces, { as, json: { namespace: name, ...body } });
    this.tracked.add(name);
    if (response.status !== 201) {
      throw new Error(`Creating namespace ${name} failed: ${response.status} ${response.text}`);
    }
    return { name, response };
  }

  /** Registers a namespace created by the test itself (directly or by a rename) for cleanup. */
  track(name: string): void {
    this.tracked.add(name);
  }

  /** Deletes every tracked namespace as admin, unprotecting it first when needed. */
  async cleanup(): Promise<void> {
    const failures: string[] = [];
    for (const name of this.tracked) {
      const response = await deleteNamespace(name);
      if (response.status !== 204 && response.status !== 404) {
        failures.push(`${name}: ${response.status} ${response.text}`);
      }
    }
    this.tracked.clear();
    if (failures.length > 0) {
      throw new Error(`Cleanup of test namespaces failed:\n${failures.join('\n')}`);
    }
  }
}

/** Deletes a namespace as admin, clearing its protection first when the delete returns 403. */
async function deleteNamespace(name: string): Promise<HttpResponse> {
  const path = paths.namespace(name);
  const response = await api.delete(path);
  if (response.status !== 403) {
    return response;
  }
  await api.put(path, { json: { namespace: name, protected: false } });
  return api.delete(path);
}

/** Returns namespace fixtures whose namespaces are deleted after each test of the file. */
export function useNamespaces(): NamespaceFixtures {
  const fixtures = new NamespaceFixtures();
  afterEach(() => fixtures.cleanup());
  return fixtures;
}

/** Matches the API timestamp format: UTC, whole seconds, literal `Z`. */
export const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
