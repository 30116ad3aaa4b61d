import { TRANSLATIONS } from '@metadefs/i18n';
import { api, call, paths } from '../support/api';
import { jsonMessageSuffix, reasonPhrases } from '../support/errors';
import { NamespaceFixtures, uniqueName, useNamespaces } from '../support/fixtures';
import type { HttpResponse, RequestHeaders } from '../support/http-client';
import { anonymous, readerA } from '../support/identities';
import { target } from '../support/target';

/** A catalog message as the service builds it: a catalogue key and its parameters. */
interface Message {
  key: string;
  params?: Record<string, string | number | Message>;
}

/** Every locale the catalog ships, with the `Accept-Language` tag that requests it. */
const LOCALES = Object.keys(TRANSLATIONS).map((locale) => ({
  locale,
  tag: locale.replace('_', '-'),
}));

const titles: Record<number, string> = {
  ...reasonPhrases,
  501: 'Not Implemented',
};

/** The catalog's default MAX_REQUEST_BODY_BYTES and MAX_REQUEST_ID_LENGTH, which global setup keeps. */
const maxBodyBytes = 1024 * 1024;
const maxRequestIdLength = 64;

/** Builds the text that the catalogue of `locale` gives for a message, parameters filled in. */
function catalogueText(locale: string, message: Message): string {
  const [group, name] = message.key.split('.');
  const template = (TRANSLATIONS[locale][group] as Record<string, string>)[name];
  if (template === undefined) {
    throw new Error(`${locale} has no message ${message.key}`);
  }
  return template.replace(/\{(\w+)\}/g, (placeholder, param: string) => {
    const value = message.params?.[param];
    if (value === undefined) return placeholder;
    return typeof value === 'object' ? catalogueText(locale, value) : String(value);
  });
}

/** Asserts a JSON error in `locale`: status, English code and title, translated message. */
function expectLocalizedError(
  response: HttpResponse,
  status: number,
  locale: string,
  message: Message,
  layout: { prefix: string; suffix: string } = { prefix: '', suffix: jsonMessageSuffix },
): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-language']).toBe(locale.replace('_', '-'));
  expect(response.json).toEqual({
    message: `${layout.prefix}${catalogueText(locale, message)}${layout.suffix}`,
    code: `${status} ${titles[status]}`,
    title: titles[status],
  });
}

// The expected texts come from the catalog's own message catalogues, which Glance does not use.
const describeOnCatalog = target.isGlance ? describe.skip : describe;
const skipNote = target.isGlance
  ? " (skipped on Glance: the catalogues are the catalog's own)"
  : '';

describeOnCatalog(`localized errors${skipNote}`, () => {
  const namespaces = new NamespaceFixtures();
  let existing: string;

  beforeAll(async () => {
    ({ name: existing } = await namespaces.create());
  });

  afterAll(() => namespaces.cleanup());

  interface ErrorCase {
    name: string;
    status: number;
    send: (headers: RequestHeaders) => Promise<HttpResponse>;
    message: () => Message;
    layout?: { prefix: string; suffix: string };
  }

  const missing = uniqueName('missing');

  const cases: ErrorCase[] = [
    {
      name: 'invalid sort_dir',
      status: 400,
      send: (headers) => api.get(`${paths.namespaces}?sort_dir=up`, { headers }),
      message: () => ({ key: 'errors.INVALID_SORT_DIR', params: { value: 'up' } }),
    },
    {
      name: 'schema mismatch',
      status: 400,
      send: (headers) => api.post(paths.namespaces, { json: {}, headers }),
      message: () => ({
        key: 'errors.SCHEMA_MISMATCH',
        params: {
          schema: 'namespace',
          reason: { key: 'schema.REQUIRED', params: { field: 'namespace' } },
        },
      }),
    },
    {
      name: '4-byte character',
      status: 400,
      send: (headers) => {
        const name = uniqueName('ns');
        namespaces.track(name);
        return api.post(paths.namespaces, {
          json: { namespace: name, display_name: '\u{1F600}' },
          headers,
        });
      },
      message: () => ({
        key: 'errors.COULD_NOT_CREATE',
        params: {
          kind: { key: 'kinds.namespace' },
          reason: { key: 'errors.FIELD_HAS_4_BYTE_CHARACTERS', params: { field: 'Display_Name' } },
        },
      }),
    },
    {
      name: 'anonymous caller',
      status: 401,
      send: (headers) => api.get(paths.namespaces, { as: anonymous, headers }),
      message: () => ({ key: 'errors.DEFAULT_401' }),
    },
    {
      name: 'policy denial',
      status: 403,
      send: (headers) => {
        const name = uniqueName('ns');
        namespaces.track(name);
        return api.post(paths.namespaces, { as: readerA, json: { namespace: name }, headers });
      },
      message: () => ({
        key: 'errors.POLICY_FORBIDDEN',
        params: { rule: 'add_metadef_namespace' },
      }),
    },
    {
      name: 'read-only attribute',
      status: 403,
      send: (headers) =>
        api.post(paths.namespaces, {
          json: { namespace: uniqueName('ns'), created_at: 'x' },
          headers,
        }),
      message: () => ({ key: 'errors.READ_ONLY_ATTRIBUTE', params: { key: 'created_at' } }),
    },
    {
      name: 'missing namespace read',
      status: 404,
      send: (headers) => api.get(paths.namespace(missing), { headers }),
      message: () => ({
        key: 'errors.NAMESPACE_NOT_FOUND_BY_NAME',
        params: { namespace: missing },
      }),
    },
    {
      name: 'missing namespace delete',
      status: 404,
      send: (headers) => api.delete(paths.namespace(missing), { headers }),
      message: () => ({ key: 'errors.NAMESPACE_NOT_FOUND', params: { namespace: missing } }),
    },
    {
      name: 'unknown path',
      status: 404,
      send: (headers) => api.get('/v2/metadefs/unknown', { headers }),
      message: () => ({ key: 'errors.DEFAULT_404' }),
    },
    {
      name: 'method not allowed',
      status: 405,
      send: (headers) => call('PATCH', paths.namespaces, { headers }),
      message: () => ({ key: 'errors.METHOD_NOT_ALLOWED', params: { method: 'PATCH' } }),
      layout: { prefix: '', suffix: '<br /><br />\n' },
    },
    {
      name: 'duplicate namespace',
      status: 409,
      send: (headers) => api.post(paths.namespaces, { json: { namespace: existing }, headers }),
      message: () => ({ key: 'errors.NAMESPACE_DUPLICATE', params: { namespace: existing } }),
    },
    {
      name: 'body too large',
      status: 413,
      send: (headers) =>
        api.post(paths.namespaces, {
          body: Buffer.alloc(maxBodyBytes + 1, ' '),
          headers: { ...headers, 'Content-Type': 'application/json' },
        }),
      message: () => ({ key: 'errors.DEFAULT_413', params: { limit: maxBodyBytes } }),
    },
    {
      name: 'request id too long',
      status: 431,
      send: (headers) =>
        api.get(paths.resourceTypes, {
          headers: { ...headers, 'X-Openstack-Request-ID': 'a'.repeat(maxRequestIdLength + 1) },
        }),
      message: () => ({ key: 'errors.REQUEST_ID_TOO_LONG', params: { max: maxRequestIdLength } }),
    },
    {
      name: 'unknown method',
      status: 501,
      send: (headers) => call('OPTIONS', '/v2/metadefs/unknown', { headers }),
      message: () => ({ key: 'errors.METHOD_NOT_IMPLEMENTED', params: { method: 'OPTIONS' } }),
      layout: { prefix: '\n', suffix: '<br /><br />\n' },
    },
  ];

  describe.each(LOCALES)('in $locale', ({ locale, tag }) => {
    it.each(
      cases.map((errorCase) => [`${errorCase.status} ${errorCase.name}`, errorCase] as const),
    )('translates %s', async (_title, errorCase) => {
      const response = await errorCase.send({ 'Accept-Language': tag });

      expectLocalizedError(
        response,
        errorCase.status,
        locale,
        errorCase.message(),
        errorCase.layout,
      );
    });
  });
});

describeOnCatalog(`error formats in other languages${skipNote}`, () => {
  const stem = uniqueName('missing');

  it('writes Chinese HTML as UTF-8 for curl defaults', async () => {
    const response = await api.get(paths.namespace(stem), {
      accept: '*/*',
      headers: { 'Accept-Language': 'zh' },
    });
    const explanation = catalogueText('zh_CN', {
      key: 'errors.NAMESPACE_NOT_FOUND_BY_NAME',
      params: { namespace: stem },
    });

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(response.text).toBe(
      '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n' +
        `  <h1>404 Not Found</h1>\n  ${explanation}<br /><br />\n\n\n\n </body>\n</html>`,
    );
    expect(response.raw.includes(Buffer.from('找不到元数据定义命名空间', 'utf8'))).toBe(true);
  });

  describe('with markup and non-ASCII in the value', () => {
    const name = `${stem}-名前<b>&"'`;
    const explanation = catalogueText('ja', {
      key: 'errors.NAMESPACE_NOT_FOUND',
      params: { namespace: name },
    });
    const escaped = explanation
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#x27;');

    function deleteIn(accept: string | null) {
      return api.delete(paths.namespace(name), { accept, headers: { 'Accept-Language': 'ja' } });
    }

    it('writes JSON as UTF-8', async () => {
      const response = await deleteIn('application/json');

      expect(response.headers['content-type']).toBe('application/json');
      expect(response.json.message).toBe(`${explanation}${jsonMessageSuffix}`);
      expect(response.text).toContain('名前空間');
      expect(response.text).not.toMatch(/\\u[0-9a-f]{4}/i);
    });

    it('writes HTML as UTF-8 and escapes markup only', async () => {
      const response = await deleteIn('text/html');

      expect(response.headers['content-type']).toBe('text/html; charset=UTF-8');
      expect(response.text).toContain(`  ${escaped}<br /><br />\n`);
      expect(escaped).toContain('名前&lt;b&gt;&amp;&quot;&#x27;');
      expect(response.text).not.toMatch(/&#\d+;/);
    });

    it('writes plain text as UTF-8', async () => {
      const response = await deleteIn(null);

      expect(response.headers['content-type']).toBe('text/plain; charset=UTF-8');
      expect(response.text).toBe(`404 Not Found\n\n${explanation.replace(/<[^>]*>/g, '')}\n\n   `);
      expect(response.text).toContain('名前');
    });
  });
});

describeOnCatalog(`Accept-Language negotiation${skipNote}`, () => {
  const namespaces = useNamespaces();
  const missing = uniqueName('missing');

  async function languageOf(acceptLanguage: string | string[]): Promise<HttpResponse> {
    return api.get(paths.namespace(missing), { headers: { 'Accept-Language': acceptLanguage } });
  }

  it.each([
    ['zh-TW', 'zh_TW'],
    ['zh-tw', 'zh_TW'],
    ['zh-Hant-HK', 'zh_TW'],
    ['zh', 'zh_CN'],
    ['zh-Hans', 'zh_CN'],
    ['pt-BR', 'pt_BR'],
    ['pt', 'pt_BR'],
    ['pt-PT', 'pt_BR'],
    ['de-AT', 'de'],
    ['ko', 'ko_KR'],
    ['tr', 'tr_TR'],
    ['en-GB', 'en_GB'],
    ['en-US', 'en'],
    ['fr-CA;q=0.4, ja;q=0.8', 'ja'],
    ['xx, ru;q=0.2', 'ru'],
    ['es;q=0, it', 'it'],
    ['de;q=bogus, fr;q=0.5', 'fr'],
  ])('resolves %p to %s', async (header, locale) => {
    const response = await languageOf(header);

    expectLocalizedError(response, 404, locale, {
      key: 'errors.NAMESPACE_NOT_FOUND_BY_NAME',
      params: { namespace: missing },
    });
  });

  it.each([
    ['xx'],
    ['i-klingon'],
    ['*'],
    ['*, de;q=0.5'],
    [';;;'],
    ['de;q=2'],
    ['1234'],
    ['q=1'],
    ['x'.repeat(500)],
  ])('falls back to English for %p', async (header) => {
    const response = await languageOf(header);

    expectLocalizedError(response, 404, 'en', {
      key: 'errors.NAMESPACE_NOT_FOUND_BY_NAME',
      params: { namespace: missing },
    });
  });

  it('reads repeated headers as one list', async () => {
    const response = await languageOf(['de;q=0.1', 'ja;q=0.9']);

    expect(response.headers['content-language']).toBe('ja');
  });

  it('uses English without Accept-Language', async () => {
    const response = await api.get(paths.namespace(missing));

    expect(response.headers['content-language']).toBe('en');
  });

  it('leaves success responses untranslated', async () => {
    const { name } = await namespaces.create({
      display_name: 'Not Found',
      description: 'namespace',
    });

    const english = await api.get(paths.namespace(name));
    const german = await api.get(paths.namespace(name), { headers: { 'Accept-Language': 'de' } });

    expect(german.status).toBe(200);
    expect(german.headers['content-language']).toBeUndefined();
    expect(german.text).toBe(english.text);
  });
});
