import { Controller, Get, Header, HttpCode, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The image API versions Glance advertises; the catalog serves their metadefs routes. */
const VERSIONS: ReadonlyArray<readonly [string, string]> = [
  ['v2.15', 'CURRENT'],
  ...['13', '12', '11', '10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '0'].map(
    (minor) => [`v2.${minor}`, 'SUPPORTED'] as const,
  ),
];

/** Version discovery: `GET /` (300 Multiple Choices) and `GET /versions` (200), without authentication. */
@Controller()
export class VersionsController {
  @Get()
  @HttpCode(300)
  @Header('Content-Type', 'application/json')
  root(@Req() request: FastifyRequest): string {
    return versionsDocument(request);
  }

  @Get('versions')
  @Header('Content-Type', 'application/json')
  versions(@Req() request: FastifyRequest): string {
    return versionsDocument(request);
  }
}

function versionsDocument(request: FastifyRequest): string {
  const href = `${request.protocol}://${request.headers.host ?? request.hostname}/v2/`;
  return JSON.stringify({
    versions: VERSIONS.map(([id, status]) => ({ id, status, links: [{ rel: 'self', href }] })),
  });
}
