import * as http from 'node:http';
import { target } from './target';

/** Header values as sent; an array sends the header once per item. */
export type RequestHeaders = Record<string, string | string[]>;

export interface RawRequest {
  method: string;
  /** Request target sent as is (path and query); encode it yourself. */
  path: string;
  headers?: RequestHeaders;
  /** Body bytes sent with a Content-Length header. */
  body?: string | Buffer;
  /** Body parts sent with `Transfer-Encoding: chunked` and no Content-Length. */
  chunks?: Array<string | Buffer>;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Raw body bytes. */
  raw: Buffer;
  /** Body decoded as UTF-8. */
  text: string;
  /** Parsed body when the Content-Type is JSON and the body parses, else undefined. */
  json: any;
}

const requestTimeoutMs = 20_000;

/**
 * Sends one HTTP/1.1 request to the target on a fresh connection and reads the whole
 * response. Uses node:http rather than fetch so that any method, header, raw body (including
 * invalid UTF-8) and framing can be sent.
 */
export function sendRaw(request: RawRequest): Promise<HttpResponse> {
  const base = target.baseUrl;
  const headers: RequestHeaders = { ...(request.headers ?? {}) };
  if (request.chunks) {
    headers['Transfer-Encoding'] = 'chunked';
  } else if (request.body !== undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(request.body));
  }

  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: base.hostname,
        port: base.port || 80,
        method: request.method,
        path: request.path,
        headers,
        agent: false,
        timeout: requestTimeoutMs,
      },
      (incoming) => {
        const parts: Buffer[] = [];
        incoming.on('data', (part: Buffer) => parts.push(part));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const raw = Buffer.concat(parts);
          const text = raw.toString('utf8');
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            raw,
            text,
            json: parseJson(incoming.headers['content-type'], text),
          });
        });
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy(
        new Error(`${request.method} ${request.path} timed out after ${requestTimeoutMs} ms`),
      );
    });
    outgoing.on('error', reject);

    if (request.chunks) {
      for (const chunk of request.chunks) {
        outgoing.write(chunk);
      }
      outgoing.end();
    } else {
      outgoing.end(request.body);
    }
  });
}

function parseJson(contentType: string | undefined, text: string): any {
  if (!contentType || !/^application\/json\b/i.test(contentType)) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Content-Type of JSON success bodies. Glance 25 sends `application/json`, and the catalog may add
 * `; charset=UTF-8`.
 */
export const jsonContentType = /^application\/json(; ?charset=UTF-8)?$/i;
