'use strict';

const http = require('node:http');

/**
 * Identity headers of an admin in project `admin`. Glance's trusted-headers pipeline needs
 * them. The catalog gets them too, and under AUTH_STRATEGY=noauth it ignores them.
 */
const IDENTITY_HEADERS = {
  'X-Identity-Status': 'Confirmed',
  'X-Roles': 'admin,member,reader',
  'X-Tenant-Id': 'admin',
};

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * An HTTP client of one server on 127.0.0.1 that sends the identity headers. `server` is
 * `{ port, keepAlive }`: keep-alive is off for a server that closes every connection after
 * its response without saying so (Glance under uWSGI's http-socket), because reusing such a
 * connection fails with ECONNRESET.
 */
class HttpClient {
  constructor(server, maxSockets = 1) {
    this.port = server.port;
    this.agent = new http.Agent({ keepAlive: server.keepAlive, maxSockets });
  }

  /**
   * Sends a request and resolves with the status and the whole body. `body` is sent as JSON
   * unless it is undefined. Rejects on connection errors and after 30 s without a response.
   */
  request(method, path, body) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { ...IDENTITY_HEADERS, Accept: 'application/json' };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            resolve({ status: response.statusCode, body: Buffer.concat(chunks) });
          });
        },
      );
      request.setTimeout(REQUEST_TIMEOUT_MS, () => {
        request.destroy(new Error(`${method} ${path} timed out after ${REQUEST_TIMEOUT_MS} ms`));
      });
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Sends a request and returns the parsed JSON body; rejects unless the status is 2xx. */
  async requestJson(method, path, body) {
    const response = await this.request(method, path, body);
    if (response.status < 200 || response.status > 299) {
      const text = response.body.toString('utf8').slice(0, 300);
      throw new Error(`${method} ${path} returned ${response.status}: ${text}`);
    }
    return response.body.length === 0 ? undefined : JSON.parse(response.body.toString('utf8'));
  }

  close() {
    this.agent.destroy();
  }
}

module.exports = { HttpClient, IDENTITY_HEADERS };
