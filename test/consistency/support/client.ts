import * as http from 'node:http';

/** A response as the tests need it. */
export interface Reply {
  readonly status: number;
  readonly json: any;
  readonly text: string;
}

/** Identity headers of an admin, as keystonemiddleware would set them. */
const ADMIN_HEADERS = {
  'X-Identity-Status': 'Confirmed',
  'X-Roles': 'admin,member,reader',
  'X-Tenant-Id': 'consistency-admin',
  'X-User-Id': 'consistency-user',
  Accept: 'application/json',
};

/** Keeps connections open between requests, as a client of a busy service would. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Sends one request to an API process on 127.0.0.1 as the admin. */
export function send(port: number, method: string, path: string, body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { ...ADMIN_HEADERS };
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path, headers, agent, timeout: 60_000 },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, json, text });
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`${method} ${path} timed out after 60 s`)),
    );
    request.on('error', reject);
    request.end(payload);
  });
}

export const namespacePath = (name: string) =>
  `/v2/metadefs/namespaces/${encodeURIComponent(name)}`;
export const propertiesPath = (name: string) => `${namespacePath(name)}/properties`;

/** Creates a public namespace. */
export function createNamespace(port: number, name: string): Promise<Reply> {
  return send(port, 'POST', '/v2/metadefs/namespaces', { namespace: name, visibility: 'public' });
}

/** Creates a string property in a namespace. */
export function createProperty(port: number, namespace: string, name: string): Promise<Reply> {
  return send(port, 'POST', propertiesPath(namespace), { name, title: name, type: 'string' });
}

/** Counts statuses, for messages that show the whole distribution. */
export function statusCounts(replies: readonly Reply[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const reply of replies) counts[reply.status] = (counts[reply.status] ?? 0) + 1;
  return counts;
}

/** Closes the kept-alive connections so jest can exit. */
export function closeConnections(): void {
  agent.destroy();
}
