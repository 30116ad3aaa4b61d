import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogMessage } from '@metadefs/catalog';
import { MessageTranslator, toLanguageTag } from '@metadefs/i18n';
import { ErrorTemplate, STATUS_TITLES, negotiateErrorFormat, renderError } from './error-format';

/** Sends errors as Glance's WebOb pages, in the format `Accept` asks for and the language of `Accept-Language`. */
@Injectable()
export class ErrorRenderer {
  constructor(private readonly translator: MessageTranslator) {}

  send(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    message: CatalogMessage,
    options: { headers?: Record<string, string>; template?: ErrorTemplate } = {},
  ): FastifyReply {
    const accept = request.headers.accept;
    const language = this.translator.languageFor(header(request, 'accept-language'));
    const explanation = this.translator.translate(message, language);
    const rendered = renderError(
      status,
      explanation,
      negotiateErrorFormat(accept),
      options.template,
    );

    for (const [name, value] of Object.entries(options.headers ?? {})) reply.header(name, value);
    reply.header('Content-Language', toLanguageTag(language));
    // A Buffer body keeps Fastify from appending a charset to application/json.
    return reply
      .status(status)
      .header('Content-Type', rendered.contentType)
      .send(Buffer.from(rendered.body, 'utf8'));
  }
}

/**
 * Builds the raw HTTP/1.1 response for a connection whose request could not be parsed, so no
 * request object exists. It is an English HTML page, as WebOb sends without an `Accept`
 * header, and it closes the connection.
 */
export function rawErrorResponse(
  translator: MessageTranslator,
  status: number,
  message: CatalogMessage,
): string {
  const rendered = renderError(status, translator.translate(message, 'en'), 'html');
  const body = Buffer.from(rendered.body, 'utf8');
  return (
    `HTTP/1.1 ${status} ${STATUS_TITLES[status] ?? 'Error'}\r\n` +
    `Content-Type: ${rendered.contentType}\r\n` +
    `Content-Length: ${body.length}\r\n` +
    'Connection: close\r\n\r\n' +
    rendered.body
  );
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
