import { setFlagsFromString } from 'node:v8';

import { CatalogError, InvalidInputError } from '../domain/catalog-error';
import { MAX_JSON_DEPTH } from '../domain/json';
import { Messages } from '../domain/messages';
import { hasBody, parseJsonObjectBody } from './json-body';

// The API's main.ts sets this flag so that revivers see each number's source text.
setFlagsFromString('--harmony-json-parse-with-source');

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(hasBody.name, () => {
  describe('when deciding from headers', () => {
    const cases = [
      { label: 'a positive length', headers: { method: 'GET', contentLength: '3' }, body: true },
      { label: 'a zero length', headers: { method: 'POST', contentLength: '0' }, body: false },
      { label: 'no headers', headers: { method: 'POST' }, body: false },
      {
        label: 'chunked POST',
        headers: { method: 'POST', transferEncoding: 'chunked' },
        body: true,
      },
      {
        label: 'padded upper-case coding',
        headers: { method: 'put', transferEncoding: ' GZIP ' },
        body: true,
      },
      {
        label: 'chunked PATCH',
        headers: { method: 'PATCH', transferEncoding: 'chunked' },
        body: true,
      },
      {
        label: 'chunked GET',
        headers: { method: 'GET', transferEncoding: 'chunked' },
        body: false,
      },
      {
        label: 'chunked DELETE',
        headers: { method: 'DELETE', transferEncoding: 'chunked' },
        body: false,
      },
      {
        label: 'an unknown coding',
        headers: { method: 'POST', transferEncoding: 'br' },
        body: false,
      },
      {
        label: 'a non-numeric length',
        headers: { method: 'POST', contentLength: 'abc' },
        body: false,
      },
    ];

    it.each(cases)('answers $body for $label', ({ headers, body }) => {
      expect(hasBody(headers)).toBe(body);
    });
  });
});

describe(parseJsonObjectBody.name, () => {
  describe('when the body is a JSON object', () => {
    it('returns the object', () => {
      const body = parseJsonObjectBody(Buffer.from('{"namespace": "ns", "protected": true}'));

      expect(body).toEqual({ namespace: 'ns', protected: true });
    });

    it('decodes UTF-8 text', () => {
      const body = parseJsonObjectBody(Buffer.from('{"description": "Réseau ®"}', 'utf8'));

      expect(body).toEqual({ description: 'Réseau ®' });
    });
  });

  describe('when the bytes are not JSON', () => {
    const cases = [
      { label: 'invalid UTF-8', raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
      { label: 'malformed JSON', raw: Buffer.from('{"namespace": ') },
      { label: 'trailing garbage', raw: Buffer.from('{} x') },
      { label: 'an empty body', raw: Buffer.alloc(0) },
      { label: 'a missing body', raw: undefined },
    ];

    it.each(cases)('rejects $label as malformed', ({ raw }) => {
      const error = thrown(() => parseJsonObjectBody(raw));

      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as CatalogError).key).toBe(Messages.MALFORMED_JSON);
    });
  });

  describe('when the JSON is not an object', () => {
    const cases = ['[]', '[{"name": "x"}]', '"text"', '42', 'true', 'null'];

    it.each(cases)('rejects %s as the wrong type', (text) => {
      const error = thrown(() => parseJsonObjectBody(Buffer.from(text)));

      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as CatalogError).key).toBe(Messages.UNEXPECTED_BODY_TYPE);
    });
  });

  describe('when a default is a number', () => {
    const cases = [
      { literal: '1.0', text: '1.0' },
      { literal: '100', text: '100' },
      { literal: '1e16', text: '1e+16' },
      { literal: '0.00001', text: '1e-05' },
      { literal: '1.5', text: '1.5' },
      { literal: '-0.5', text: '-0.5' },
      { literal: '12345678901234567890', text: '12345678901234567890' },
      { literal: '2E3', text: '2000.0' },
    ];

    it.each(cases)('formats $literal as $text', ({ literal, text }) => {
      const body = parseJsonObjectBody(
        Buffer.from(
          `{"properties": {"p": {"title": "P", "type": "number", "default": ${literal}}}}`,
        ),
      );

      expect(body).toEqual({ properties: { p: { title: 'P', type: 'number', default: text } } });
    });

    it('leaves other numbers alone', () => {
      const body = parseJsonObjectBody(Buffer.from('{"minimum": 1.0, "default": 2}'));

      expect(body).toEqual({ minimum: 1, default: '2' });
    });
  });

  describe('when a default is not a number', () => {
    it('keeps it as parsed', () => {
      const body = parseJsonObjectBody(
        Buffer.from('{"a": {"default": true}, "b": {"default": [1.0]}, "c": {"default": "1.0"}}'),
      );

      expect(body).toEqual({ a: { default: true }, b: { default: [1] }, c: { default: '1.0' } });
    });
  });
});

describe('parseJsonObjectBody limits', () => {
  function detailOf(text: string) {
    return (thrown(() => parseJsonObjectBody(Buffer.from(text))) as CatalogError).detail;
  }

  it('accepts nesting up to the limit', () => {
    const value = `${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}`;

    expect(parseJsonObjectBody(Buffer.from(`{"x": ${value}}`))).toEqual(
      JSON.parse(`{"x": ${value}}`),
    );
  });

  it('refuses nesting one level deeper', () => {
    const value = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;

    expect(detailOf(`{"x": ${value}}`)).toEqual({
      key: Messages.BODY_TOO_DEEP,
      params: { max: MAX_JSON_DEPTH },
    });
  });

  it.each([
    ['a value', '{"namespace": "a\\ud800"}'],
    ['a key', '{"a\\udfff": 1}'],
    ['a nested value', '{"tags": [{"name": "\\ud83d"}]}'],
  ])('refuses an unpaired surrogate in %s', (_label, text) => {
    expect(detailOf(text)).toEqual({ key: Messages.DECODE_ERROR });
  });

  it('reports deep nesting under a default key as too deep', () => {
    const value = `${'['.repeat(5000)}${']'.repeat(5000)}`;

    expect(detailOf(`{"default": ${value}}`)).toEqual({
      key: Messages.BODY_TOO_DEEP,
      params: { max: MAX_JSON_DEPTH },
    });
  });

  it('keeps the literal of a default whose key is escaped', () => {
    const body = parseJsonObjectBody(Buffer.from('{"d\\u0065fault": 1.0}'));

    expect(body).toEqual({ default: '1.0' });
  });

  it('accepts a surrogate pair', () => {
    expect(parseJsonObjectBody(Buffer.from('{"namespace": "\\ud83d\\ude00"}'))).toEqual({
      namespace: '\u{1F600}',
    });
  });
});
