import type { HttpResponse } from './http-client';

/** Reason phrases that Glance (WebOb) puts in the `code` and `title` of error bodies. */
export const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

/** Suffix that WebOb's JSON error form appends to the explanation in `message`. */
export const jsonMessageSuffix = '<br /><br />\n\n\n';

/** Returns the explanation of a JSON error body, without the WebOb suffix. */
export function errorMessage(response: HttpResponse): string | undefined {
  const message: unknown = response.json?.message;
  if (typeof message !== 'string') {
    return undefined;
  }
  return message.endsWith(jsonMessageSuffix)
    ? message.slice(0, -jsonMessageSuffix.length)
    : message;
}

/** Asserts a JSON error response with this status and exactly this explanation. */
export function expectError(response: HttpResponse, status: number, explanation: string): void {
  expect({ status: response.status, body: response.json }).toEqual({
    status,
    body: {
      message: `${explanation}${jsonMessageSuffix}`,
      code: `${status} ${reasonPhrases[status]}`,
      title: reasonPhrases[status],
    },
  });
}

/** Asserts a JSON error response with this status whose explanation starts with `prefix`. */
export function expectErrorStartingWith(
  response: HttpResponse,
  status: number,
  prefix: string,
): void {
  expect(response.status).toBe(status);
  expect(response.json?.code).toBe(`${status} ${reasonPhrases[status]}`);
  const explanation = errorMessage(response) ?? '';
  expect(explanation.slice(0, prefix.length)).toBe(prefix);
}

/** Asserts the 400 that JSON-schema validation of a body produces for schema `schemaName`. */
export function expectSchemaError(response: HttpResponse, schemaName: string): void {
  expectErrorStartingWith(response, 400, `Provided object does not match schema '${schemaName}': `);
}
