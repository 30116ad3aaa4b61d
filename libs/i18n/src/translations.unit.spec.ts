import { Messages, SchemaReasons } from '@metadefs/catalog';
import en from './locales/en.json';
import { SOURCE_LANGUAGE, TRANSLATIONS, formatMessage } from './translations';

const SHIPPED_LOCALES = [
  'de',
  'en',
  'en_GB',
  'es',
  'fr',
  'it',
  'ja',
  'ko_KR',
  'pt_BR',
  'ru',
  'tr_TR',
  'zh_CN',
  'zh_TW',
];

type Catalogue = Readonly<Record<string, unknown>>;

/** Maps every message of a catalogue by its dotted key (`errors.DEFAULT_404`). */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const messages = new Map<string, unknown>();
  for (const [name, value] of Object.entries(catalogue)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [nested, text] of flatten(value as Catalogue, key)) messages.set(nested, text);
    } else {
      messages.set(key, value);
    }
  }
  return messages;
}

/** Lists the `{name}` placeholders of a message, sorted, with repeats. */
function placeholders(text: string): string[] {
  return (text.match(/\{\w+\}/g) ?? []).sort();
}

function edgeSpaces(text: string): [string, string] {
  return [/^\s*/.exec(text)?.[0] ?? '', /\s*$/.exec(text)?.[0] ?? ''];
}

/**
 * Compares a translation with the source catalogue and lists every problem. The checks are:
 * missing and extra keys, values that are not strings or are empty, placeholders that differ,
 * braces outside placeholders, nestjs-i18n `$t(` references, and changed leading or trailing
 * spaces. The 405 and 501 pages keep the space that ends their English messages.
 */
function catalogueProblems(source: Catalogue, translation: Catalogue): string[] {
  const sourceMessages = flatten(source);
  const translatedMessages = flatten(translation);
  const problems: string[] = [];

  for (const key of sourceMessages.keys()) {
    if (!translatedMessages.has(key)) problems.push(`${key}: missing`);
  }
  for (const [key, text] of translatedMessages) {
    const sourceText = sourceMessages.get(key);
    if (typeof sourceText !== 'string') {
      problems.push(`${key}: not in the source catalogue`);
      continue;
    }
    if (typeof text !== 'string') {
      problems.push(`${key}: not a string`);
      continue;
    }
    if (text.trim() === '') problems.push(`${key}: empty`);
    const expected = placeholders(sourceText).join(' ');
    const actual = placeholders(text).join(' ');
    if (actual !== expected)
      problems.push(`${key}: placeholders [${actual}], expected [${expected}]`);
    if (/[{}]/.test(text.replace(/\{\w+\}/g, '')))
      problems.push(`${key}: brace outside a placeholder`);
    if (text.includes('$t(')) problems.push(`${key}: contains a $t( reference`);
    if (edgeSpaces(text).join('|') !== edgeSpaces(sourceText).join('|')) {
      problems.push(`${key}: leading or trailing spaces differ from the source`);
    }
  }
  return problems;
}

describe('translations', () => {
  it('registers every shipped locale', () => {
    expect(Object.keys(TRANSLATIONS).sort()).toEqual(SHIPPED_LOCALES);
  });

  it('writes the source language in en.json', () => {
    expect(TRANSLATIONS[SOURCE_LANGUAGE]).toBe(en);
  });

  it('defines every message key the catalog uses', () => {
    const sourceKeys = [...flatten(en).keys()];
    const usedKeys = [...Object.values(Messages), ...Object.values(SchemaReasons)];

    expect(usedKeys.filter((key) => !sourceKeys.includes(key))).toEqual([]);
  });

  it('writes every source message without problems', () => {
    expect(catalogueProblems(en, en)).toEqual([]);
  });

  describe.each(SHIPPED_LOCALES.filter((locale) => locale !== SOURCE_LANGUAGE))('%s', (locale) => {
    it('matches en.json key for key and placeholder for placeholder', () => {
      expect(catalogueProblems(en, TRANSLATIONS[locale])).toEqual([]);
    });
  });
});

describe('catalogue check', () => {
  const german = TRANSLATIONS.de as {
    errors: Record<string, string>;
    schema: Record<string, string>;
  };

  function withErrors(errors: Record<string, unknown>): Catalogue {
    return { ...german, errors };
  }

  it('reports a missing key', () => {
    const { NAMESPACE_NOT_FOUND: _removed, ...errors } = german.errors;

    expect(catalogueProblems(en, withErrors(errors))).toEqual([
      'errors.NAMESPACE_NOT_FOUND: missing',
    ]);
  });

  it('reports an extra key', () => {
    const translation = withErrors({ ...german.errors, NOT_A_KEY: 'Text' });

    expect(catalogueProblems(en, translation)).toEqual([
      'errors.NOT_A_KEY: not in the source catalogue',
    ]);
  });

  it('reports a missing placeholder', () => {
    const translation = withErrors({
      ...german.errors,
      OBJECT_DUPLICATE: 'Das Objekt name={name} existiert.',
    });

    expect(catalogueProblems(en, translation)).toEqual([
      'errors.OBJECT_DUPLICATE: placeholders [{name}], expected [{namespace} {name}]',
    ]);
  });

  it('reports a renamed placeholder', () => {
    const translation = withErrors({
      ...german.errors,
      NAMESPACE_NOT_FOUND: 'Namespace {name} fehlt',
    });

    expect(catalogueProblems(en, translation)).toEqual([
      'errors.NAMESPACE_NOT_FOUND: placeholders [{name}], expected [{namespace}]',
    ]);
  });

  it('reports an empty message', () => {
    const translation = withErrors({ ...german.errors, DEFAULT_404: ' ' });

    expect(catalogueProblems(en, translation)).toContain('errors.DEFAULT_404: empty');
  });

  it('reports a broken placeholder', () => {
    const translation = withErrors({ ...german.errors, DEFAULT_413: 'Zu groß: {limit} Byte {' });

    expect(catalogueProblems(en, translation)).toEqual([
      'errors.DEFAULT_413: brace outside a placeholder',
    ]);
  });

  it('reports a lost trailing space', () => {
    const translation = withErrors({
      ...german.errors,
      METHOD_NOT_ALLOWED: 'Die Methode {method} ist nicht zulässig.',
    });

    expect(catalogueProblems(en, translation)).toEqual([
      'errors.METHOD_NOT_ALLOWED: leading or trailing spaces differ from the source',
    ]);
  });

  it('reports a group replaced by a string', () => {
    const translation: Catalogue = { ...german, kinds: 'Arten' };

    expect(catalogueProblems(en, translation)).toEqual(
      expect.arrayContaining(['kinds.namespace: missing', 'kinds: not in the source catalogue']),
    );
  });
});

describe(formatMessage.name, () => {
  it('fills parameters in English', () => {
    const text = formatMessage({
      key: Messages.COMMIT_TOO_LARGE,
      params: { size: 5000000, limit: 4194304 },
    });

    expect(text).toBe(
      'The change would add 5000000 bytes of events to the event log, more than the limit of ' +
        '4194304 bytes. Split it into smaller requests.',
    );
  });

  it('formats nested messages', () => {
    const text = formatMessage(
      {
        key: Messages.SCHEMA_MISMATCH,
        params: {
          schema: 'tag',
          reason: { key: SchemaReasons.EMPTY_NAME, params: { field: 'name' } },
        },
      },
      'de',
    );

    expect(text).toContain('name');
    expect(text).not.toContain('{');
  });

  it('returns an unknown key as is', () => {
    expect(formatMessage({ key: 'errors.NO_SUCH_KEY' })).toBe('errors.NO_SUCH_KEY');
  });
});
