import { createNamespace, createProperty, namespacePath, send, type Reply } from './client';

/** One acknowledged change and how to check that it is there. */
export interface AcknowledgedWrite {
  readonly description: string;
  /** The namespace that must exist afterwards with these properties, or be gone. */
  readonly namespace: string;
  readonly expectPresent: boolean;
  readonly properties: readonly string[];
  /** A later step failed, so it may or may not have taken effect: nothing to check. */
  readonly uncertain?: boolean;
}

/** What a stream of writes got back. */
export interface WorkloadResult {
  readonly acknowledged: AcknowledgedWrite[];
  readonly statuses: Record<string, number>;
  /** Bodies of responses that were neither 2xx nor 503, for failure messages. */
  readonly unexpected: string[];
  /** Bodies of 503 responses. */
  readonly unavailable: Reply[];
}

/**
 * Runs `count` small scenarios over `workers` concurrent clients: create a namespace, add a
 * property to every third, delete every fifth. A scenario stops at its first failed step;
 * each acknowledged step is recorded with what a later read must show.
 */
export async function runWrites(
  port: () => number,
  prefix: string,
  count: number,
  workers: number,
  onProgress?: (done: number) => void,
): Promise<WorkloadResult> {
  const result: WorkloadResult = {
    acknowledged: [],
    statuses: {},
    unexpected: [],
    unavailable: [],
  };
  const record = (step: string, reply: Reply): boolean => {
    result.statuses[reply.status] = (result.statuses[reply.status] ?? 0) + 1;
    if (reply.status === 503) result.unavailable.push(reply);
    else if (reply.status < 200 || reply.status >= 300)
      result.unexpected.push(`${step}: ${reply.status} ${reply.text}`);
    return reply.status >= 200 && reply.status < 300;
  };
  const safely = async (request: () => Promise<Reply>): Promise<Reply> => {
    try {
      return await request();
    } catch (error) {
      return { status: 0, json: undefined, text: String(error) };
    }
  };

  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const namespace = `${prefix}-${index}`;
      if (!record(`create ${namespace}`, await safely(() => createNamespace(port(), namespace))))
        continue;
      const properties: string[] = [];
      result.acknowledged.push({
        description: `create ${namespace}`,
        namespace,
        expectPresent: true,
        properties: [],
      });
      const uncertain = (description: string) =>
        result.acknowledged.push({
          description,
          namespace,
          expectPresent: true,
          properties: [],
          uncertain: true,
        });
      if (index % 3 === 0) {
        if (
          !record(
            `property of ${namespace}`,
            await safely(() => createProperty(port(), namespace, 'size')),
          )
        ) {
          uncertain(`property of ${namespace}`);
          continue;
        }
        properties.push('size');
        result.acknowledged.push({
          description: `property of ${namespace}`,
          namespace,
          expectPresent: true,
          properties: [...properties],
        });
      }
      if (index % 5 === 0) {
        if (
          !record(
            `delete ${namespace}`,
            await safely(() => send(port(), 'DELETE', namespacePath(namespace))),
          )
        ) {
          uncertain(`delete ${namespace}`);
          continue;
        }
        result.acknowledged.push({
          description: `delete ${namespace}`,
          namespace,
          expectPresent: false,
          properties: [],
        });
      }
      done += 1;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return result;
}

/**
 * Checks the last acknowledged state of every namespace through the API; returns what is
 * missing or wrong.
 */
export async function verifyAcknowledged(
  port: number,
  acknowledged: readonly AcknowledgedWrite[],
): Promise<string[]> {
  const last = new Map<string, AcknowledgedWrite>();
  for (const write of acknowledged) last.set(write.namespace, write);
  const problems: string[] = [];
  for (const write of last.values()) {
    if (write.uncertain) continue;
    const reply = await send(port, 'GET', namespacePath(write.namespace));
    if (!write.expectPresent) {
      if (reply.status !== 404) problems.push(`${write.description}: GET answered ${reply.status}`);
      continue;
    }
    if (reply.status !== 200) {
      problems.push(`${write.description}: GET answered ${reply.status}`);
      continue;
    }
    const shown = Object.keys(reply.json.properties ?? {});
    for (const property of write.properties) {
      if (!shown.includes(property))
        problems.push(`${write.description}: property ${property} missing`);
    }
  }
  return problems;
}
