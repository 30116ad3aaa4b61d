import { ArgumentsHost, HttpException, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Messages, ServiceUnavailableError } from '@metadefs/catalog';
import { CatalogI18nModule, MessageTranslator, TRANSLATIONS } from '@metadefs/i18n';
import { ErrorRenderer } from './error-renderer';
import { CatalogExceptionFilter } from './exception.filter';

interface SentReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Builds a Fastify reply that records what the filter sends. */
function recordingReply(): { reply: FastifyReply; sent: SentReply } {
  const sent: SentReply = { status: 0, headers: {}, body: '' };
  const reply = {
    header(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return reply;
    },
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(body: Buffer) {
      sent.body = body.toString('utf8');
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

function httpHost(request: FastifyRequest, reply: FastifyReply): ArgumentsHost {
  const http = { getRequest: () => request, getResponse: () => reply };
  return { switchToHttp: () => http } as unknown as ArgumentsHost;
}

function requestIn(acceptLanguage: string): FastifyRequest {
  return {
    method: 'GET',
    url: '/v2/metadefs/namespaces',
    headers: { accept: 'application/json', 'accept-language': acceptLanguage },
    routeOptions: { url: '/v2/metadefs/namespaces' },
    requestId: 'req-test-1',
    // The whole body has arrived, so a 413 leaves the connection as it is.
    raw: { complete: true },
  } as unknown as FastifyRequest;
}

/** Lists the non-English translations of a message key. */
function translationsOf(key: string): string[] {
  const [group, name] = key.split('.');
  return Object.entries(TRANSLATIONS)
    .filter(([locale]) => !locale.startsWith('en'))
    .map(([, catalogue]) => (catalogue[group] as Record<string, string>)[name]);
}

describe('CatalogExceptionFilter logging', () => {
  let filter: CatalogExceptionFilter;
  let translator: MessageTranslator;
  let errorLog: jest.SpyInstance;
  let warnLog: jest.SpyInstance;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [CatalogI18nModule] }).compile();
    translator = module.get(MessageTranslator);
    filter = new CatalogExceptionFilter(new ErrorRenderer(translator), 1024);
  });

  beforeEach(() => {
    errorLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warnLog = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('logs an unexpected error in English', () => {
    const { reply, sent } = recordingReply();

    filter.catch(new Error('disk on fire'), httpHost(requestIn('de'), reply));

    expect(sent.status).toBe(500);
    expect(sent.headers['content-language']).toBe('de');
    expect(JSON.parse(sent.body).message).toContain(
      translator.translate({ key: Messages.DEFAULT_500 }, 'de'),
    );
    expect(errorLog).toHaveBeenCalledTimes(1);
    const [message, fields] = errorLog.mock.calls[0];
    expect(message).toBe('Request failed with an unexpected error');
    expect(fields).toMatchObject({
      requestId: 'req-test-1',
      method: 'GET',
      route: '/v2/metadefs/namespaces',
    });
    expect(fields.error).toContain('Error: disk on fire');
    const logged = JSON.stringify(errorLog.mock.calls);
    for (const translation of translationsOf(Messages.DEFAULT_500)) {
      expect(logged).not.toContain(translation);
    }
  });

  it('logs an unavailable dependency in English', () => {
    const { reply, sent } = recordingReply();
    const error = new ServiceUnavailableError(Messages.EVENT_LOG_UNAVAILABLE, undefined, {
      cause: new Error('connect ECONNREFUSED 127.0.0.1:9092'),
    });

    filter.catch(error, httpHost(requestIn('zh-TW'), reply));

    expect(sent.status).toBe(503);
    expect(sent.headers['content-language']).toBe('zh-TW');
    expect(JSON.parse(sent.body).message).toContain(
      translator.translate({ key: Messages.EVENT_LOG_UNAVAILABLE }, 'zh_TW'),
    );
    expect(warnLog).toHaveBeenCalledWith('A dependency is unavailable', {
      requestId: 'req-test-1',
      error: 'Error: connect ECONNREFUSED 127.0.0.1:9092',
    });
    const logged = JSON.stringify(warnLog.mock.calls);
    for (const translation of translationsOf(Messages.EVENT_LOG_UNAVAILABLE)) {
      expect(logged).not.toContain(translation);
    }
  });

  it('logs the message key when there is no cause', () => {
    const { reply } = recordingReply();

    filter.catch(
      new ServiceUnavailableError(Messages.READ_MODEL_UNAVAILABLE),
      httpHost(requestIn('ru'), reply),
    );

    expect(warnLog).toHaveBeenCalledWith('A dependency is unavailable', {
      requestId: 'req-test-1',
      error: Messages.READ_MODEL_UNAVAILABLE,
    });
  });

  it('logs nothing for client errors', () => {
    const { reply, sent } = recordingReply();

    filter.catch(
      Object.assign(new Error('bad'), { statusCode: 404 }),
      httpHost(requestIn('ja'), reply),
    );

    expect(sent.status).toBe(404);
    expect(errorLog).not.toHaveBeenCalled();
    expect(warnLog).not.toHaveBeenCalled();
  });
});

describe('CatalogExceptionFilter with Fastify errors', () => {
  let filter: CatalogExceptionFilter;
  let translator: MessageTranslator;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [CatalogI18nModule] }).compile();
    translator = module.get(MessageTranslator);
    filter = new CatalogExceptionFilter(new ErrorRenderer(translator), 1024);
  });

  // Nest's router rethrows a Fastify error as an HttpException with its message and status only.
  it('explains a rethrown 413 with the body limit', () => {
    const { reply, sent } = recordingReply();

    filter.catch(
      new HttpException('Request body is too large', 413),
      httpHost(requestIn('es'), reply),
    );

    expect(sent.status).toBe(413);
    expect(JSON.parse(sent.body).message).toBe(
      `${translator.translate({ key: Messages.DEFAULT_413, params: { limit: 1024 } }, 'es')}<br /><br />\n\n\n`,
    );
  });

  it('explains a rethrown 415 with the media type', () => {
    const { reply, sent } = recordingReply();
    const request = requestIn('it');
    request.headers['content-type'] = 'foo';

    filter.catch(new HttpException('Unsupported Media Type', 415), httpHost(request, reply));

    expect(sent.status).toBe(415);
    expect(JSON.parse(sent.body).message).toBe(
      `${translator.translate({ key: Messages.DEFAULT_415, params: { type: 'foo' } }, 'it')}<br /><br />\n\n\n`,
    );
  });
});
