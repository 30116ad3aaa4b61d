import { InvalidInputError } from '../domain/catalog-error';
import { MAX_JSON_DEPTH, findJsonProblem } from '../domain/json';
import { formatPythonNumber, formatPythonNumberToken } from '../domain/python-format';
import { Messages } from '../domain/messages';
import { decodeUtf8 } from '../domain/utf8';

const TRANSFER_CODINGS = new Set(['chunked', 'compress', 'deflate', 'gzip', 'identity']);

/** The parts of a request that decide whether it carries a body. */
export interface BodyHeaders {
  readonly method: string;
  readonly contentLength?: string;
  readonly transferEncoding?: string;
}

/**
 * Whether a request has a body, as Glance decides it: a positive `Content-Length`, or a
 * POST/PUT/PATCH with a known transfer coding.
 */
export function hasBody({ method, contentLength, transferEncoding }: BodyHeaders): boolean {
  if (contentLength !== undefined && Number(contentLength) > 0) return true;
  if (!['POST', 'PUT', 'PATCH'].includes(method.toUpperCase())) return false;
  return (
    transferEncoding !== undefined && TRANSFER_CODINGS.has(transferEncoding.trim().toLowerCase())
  );
}

/**
 * Parses a request body as JSON whatever its content type. Invalid UTF-8 and invalid JSON are
 * `Malformed JSON`, and a JSON value that is not an object is `Unexpected body type`. A string
 * or key with an unpaired surrogate escape cannot be stored as text, so it is a decoding error.
 * Nesting deeper than `MAX_JSON_DEPTH` is rejected before any validation walks it. Numeric
 * `default` values are turned into the strings Glance stores for them, from their literal
 * text, so `1.0` stays `"1.0"`.
 */
export function parseJsonObjectBody(raw: Buffer | undefined): Record<string, unknown> {
  const text = decodeUtf8(raw ?? Buffer.alloc(0));
  if (text === undefined) throw new InvalidInputError(Messages.MALFORMED_JSON);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidInputError(Messages.MALFORMED_JSON);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(Messages.UNEXPECTED_BODY_TYPE);
  }
  const problem = findJsonProblem(value);
  if (problem === 'lone_surrogate') throw new InvalidInputError(Messages.DECODE_ERROR);
  if (problem === 'too_deep') {
    throw new InvalidInputError(Messages.BODY_TOO_DEEP, { max: MAX_JSON_DEPTH });
  }
  // A second parse reads numeric defaults from their source text. It runs after the depth
  // check because the reviver recurses, and an escape such as `d\u0065fault` can spell the key.
  if (text.includes('default') || text.includes('\\u')) {
    value = JSON.parse(text, reviveDefaults);
  }
  return value as Record<string, unknown>;
}

function reviveDefaults(
  this: unknown,
  key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  if (key !== 'default' || typeof value !== 'number') return value;
  return context?.source ? formatPythonNumberToken(context.source) : formatPythonNumber(value);
}
