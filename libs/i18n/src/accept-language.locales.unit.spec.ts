import { resolveLanguage, toLanguageTag } from './accept-language';
import { SOURCE_LANGUAGE, TRANSLATIONS } from './translations';

const SHIPPED = Object.keys(TRANSLATIONS);

function resolve(header: string | undefined): string {
  return resolveLanguage(header, SHIPPED, SOURCE_LANGUAGE);
}

describe('resolveLanguage with the shipped locales', () => {
  describe('when a range names a locale', () => {
    it.each(SHIPPED)('matches %s exactly', (locale) => {
      expect(resolve(toLanguageTag(locale))).toBe(locale);
    });

    it.each([
      ['zh-tw', 'zh_TW'],
      ['ZH-TW', 'zh_TW'],
      ['zh_TW', 'zh_TW'],
      ['PT-br', 'pt_BR'],
      ['EN-gb', 'en_GB'],
    ])('ignores case and separator in %s', (header, locale) => {
      expect(resolve(header)).toBe(locale);
    });
  });

  describe('when a range falls back', () => {
    it.each([
      ['de-AT', 'de'],
      ['de-CH-1996', 'de'],
      ['en-US', 'en'],
      ['en-AU', 'en'],
      ['es-419', 'es'],
      ['fr-CA', 'fr'],
      ['ja-JP', 'ja'],
      ['ru-RU', 'ru'],
      ['it-CH', 'it'],
      ['pt', 'pt_BR'],
      ['pt-PT', 'pt_BR'],
      ['ko', 'ko_KR'],
      ['tr', 'tr_TR'],
      ['zh', 'zh_CN'],
      ['zh-Hans', 'zh_CN'],
      ['zh-Hans-CN', 'zh_CN'],
      ['zh-SG', 'zh_CN'],
      ['zh-Hant', 'zh_TW'],
      ['zh-Hant-TW', 'zh_TW'],
      ['zh-HK', 'zh_TW'],
      ['zh-MO', 'zh_TW'],
    ])('maps %s to %s', (header, locale) => {
      expect(resolve(header)).toBe(locale);
    });
  });

  describe('when reading quality values', () => {
    it.each([
      ['fr;q=0.5, ja;q=0.9', 'ja'],
      ['fr;q=0.5, ja', 'ja'],
      ['xx, ru;q=0.1', 'ru'],
      ['de;q=0.8, fr;q=0.8', 'de'],
      ['fr;q=0.8, de;q=0.8', 'fr'],
      ['de-AT;q=0.9, en-GB;q=0.95', 'en_GB'],
      ['ja;q=0, ko', 'ko_KR'],
      ['ja;q=0.000, ko;q=0.001', 'ko_KR'],
      ['ja;Q=0.2, ko;q=0.1', 'ja'],
      ['ja ; q=0.2 , ko ; q=0.1', 'ja'],
      ['ja;q=1.000, ko', 'ja'],
      ['*;q=0.1, it', 'it'],
      ['it;q=0.5, *', 'en'],
    ])('maps %p to %s', (header, locale) => {
      expect(resolve(header)).toBe(locale);
    });
  });

  describe('when the header is malformed or unknown', () => {
    it.each([
      ['xx'],
      ['klingon'],
      ['*'],
      [';;;'],
      [',,,'],
      ['de;q=bogus'],
      ['de;q=2'],
      ['de;q=-1'],
      ['de;q=0.1234'],
      ['de;q='],
      ['de;q=0'],
      ['de_'],
      ['-de'],
      ['de--AT'],
      ['zh-Hant-TW-extralongsubtag'],
      ['ja jp'],
      ['ja\u00e9'],
      ['123'],
      ['x'.repeat(4096)],
    ])('maps %p to English', (header) => {
      expect(resolve(header)).toBe('en');
    });

    it('skips a malformed range and uses the next', () => {
      expect(resolve('de;q=bogus, fr;q=0.5')).toBe('fr');
    });

    it('handles a long header', () => {
      const header = `${Array.from({ length: 2000 }, (_, i) => `x${i % 10}x;q=0.9`).join(', ')}, tr;q=0.1`;

      expect(resolve(header)).toBe('tr_TR');
    });
  });
});

describe('toLanguageTag', () => {
  it.each([
    ['en', 'en'],
    ['en_GB', 'en-GB'],
    ['zh_TW', 'zh-TW'],
    ['pt_BR', 'pt-BR'],
  ])('writes %s as %s', (locale, tag) => {
    expect(toLanguageTag(locale)).toBe(tag);
  });
});
