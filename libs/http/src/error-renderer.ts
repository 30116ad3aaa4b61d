import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogMessage } from '@metadefs/catalog';
import { MessageTranslator, toLanguageTag } from '@metadefs/i18n';
import { ErrorTemplate, negotiateErrorFormat, renderError } from './error-format';

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
    const rendered = renderError(status, explanation, negotiateErrorFormat(accept), options.template);

    for (const [name, value] of Object.entries(options.headers ?? {})) reply.header(name, value);
    reply.header('Content-Language', toLanguageTag(language));
    // A Buffer body keeps Fastify from appending a charset to application/json.
    return reply
      .status(status)
      .header('Content-Type', rendered.contentType)
      .send(Buffer.from(rendered.body, 'utf8'));
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
