'use strict';

// A bare node:http server that returns 200 and the same JSON body, read once from a file, to
// every request. The benchmark runs it as a child process to measure how many requests per
// second one Node.js process on this machine can serve with a body of that size.
//
// Usage: node bench/ceiling-server.js PORT BODY_FILE

const fs = require('node:fs');
const http = require('node:http');

const [portText, bodyFile] = process.argv.slice(2);
const port = Number(portText);
if (!Number.isInteger(port) || port < 1 || port > 65535 || !bodyFile) {
  process.stderr.write('Usage: node bench/ceiling-server.js PORT BODY_FILE\n');
  process.exit(2);
}

const body = fs.readFileSync(bodyFile);
const headers = {
  'Content-Type': 'application/json; charset=UTF-8',
  'Content-Length': String(body.length),
};

const server = http.createServer((request, response) => {
  request.resume();
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(port, '127.0.0.1');

process.on('SIGTERM', () => server.close(() => process.exit(0)));
