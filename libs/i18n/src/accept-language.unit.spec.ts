import { resolveLanguage } from './accept-language';

const AVAILABLE = ['en', 'de', 'fr', 'zh_TW', 'zh_CN', 'pt_BR'];

describe(resolveLanguage.name, () => {
  describe('when picking a locale', () => {
    const cases: ReadonlyArray<readonly [string | undefined, string]> = [
      [undefined, 'en'],
      ['', 'en'],
      ['de', 'de'],
      ['DE', 'de'],
      ['de-AT', 'de'],
      ['zh-TW', 'zh_TW'],
      ['zh_tw', 'zh_TW'],
      ['zh-HK', 'zh_TW'],
      ['pt', 'pt_BR'],
      ['pt-PT', 'pt_BR'],
      ['ja', 'en'],
      ['ja, fr;q=0.5', 'fr'],
      ['fr;q=0.4, de;q=0.8', 'de'],
      ['fr;q=0.5, de;q=0.5', 'fr'],
      ['de;q=0, fr', 'fr'],
      ['*', 'en'],
      ['*, de;q=0.5', 'en'],
      ['de;q=bogus, fr', 'fr'],
      ['de;q=bogus,,*', 'en'],
      ['12, de', 'de'],
      ['not a language', 'en'],
      [';;;', 'en'],
    ];

    it.each(cases)('maps %p to %s', (header, locale) => {
      expect(resolveLanguage(header, AVAILABLE, 'en')).toBe(locale);
    });
  });

  describe('when nothing is available', () => {
    it('returns the fallback', () => {
      expect(resolveLanguage('de', [], 'en')).toBe('en');
    });
  });
});
