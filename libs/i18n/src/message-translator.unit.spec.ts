import { Test } from '@nestjs/testing';
import { CatalogI18nModule } from './i18n.module';
import { MessageTranslator } from './message-translator';
import { TRANSLATIONS } from './translations';

type Catalogue = {
  errors: Record<string, string>;
  schema: Record<string, string>;
  kinds: Record<string, string>;
};

function catalogue(locale: string): Catalogue {
  return TRANSLATIONS[locale] as Catalogue;
}

describe(MessageTranslator.name, () => {
  let translator: MessageTranslator;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [CatalogI18nModule] }).compile();
    translator = module.get(MessageTranslator);
  });

  describe('when translating', () => {
    it.each(Object.keys(TRANSLATIONS))('fills the %s template', (locale) => {
      const text = translator.translate(
        { key: 'errors.OBJECT_DUPLICATE', params: { name: 'obj-1', namespace: 'ns-1' } },
        locale,
      );

      expect(text).toBe(
        catalogue(locale)
          .errors.OBJECT_DUPLICATE.replace('{name}', 'obj-1')
          .replace('{namespace}', 'ns-1'),
      );
    });

    it('translates a nested reason', () => {
      const text = translator.translate(
        {
          key: 'errors.SCHEMA_MISMATCH',
          params: {
            schema: 'namespace',
            reason: { key: 'schema.REQUIRED', params: { field: 'namespace' } },
          },
        },
        'ja',
      );

      expect(text).toBe(
        "指定されたオブジェクトはスキーマ 'namespace' に一致しません: 'namespace' は必須プロパティです",
      );
    });

    it('translates a nested kind', () => {
      const text = translator.translate(
        {
          key: 'errors.COULD_NOT_CREATE',
          params: {
            kind: { key: 'kinds.property' },
            reason: { key: 'errors.FIELD_HAS_4_BYTE_CHARACTERS', params: { field: 'Description' } },
          },
        },
        'fr',
      );

      expect(text).toBe(
        'Impossible de créer la définition de métadonnées de type propriété : ' +
          'Description ne peut pas contenir de caractères Unicode sur 4 octets.',
      );
    });

    it('writes numbers', () => {
      expect(
        translator.translate({ key: 'errors.DEFAULT_413', params: { limit: 1048576 } }, 'de'),
      ).toBe('Der Anfragekörper ist für diesen Server zu groß: Die Grenze liegt bei 1048576 Byte.');
    });

    it('uses English for an unknown locale', () => {
      expect(translator.translate({ key: 'errors.DEFAULT_404' }, 'xx')).toBe(
        'The resource could not be found.',
      );
    });

    it('leaves a placeholder without a value', () => {
      expect(translator.translate({ key: 'errors.NAMESPACE_NOT_FOUND' }, 'en')).toBe(
        'Namespace {namespace} not found',
      );
    });
  });

  describe('when a value looks like markup of the template', () => {
    it.each([
      '{x}',
      '{namespace}',
      '{{namespace}}',
      'a}b{',
      '$t(errors.DEFAULT_404)',
      '$t(errors.DEFAULT_404, {"a": 1})',
      '$t(kinds.tag)',
      '{0}',
      '%s',
      '$&',
      "$'",
    ])('keeps %p verbatim', (value) => {
      const text = translator.translate(
        { key: 'errors.NAMESPACE_NOT_FOUND', params: { namespace: value } },
        'de',
      );

      expect(text).toBe(`Namespace ${value} wurde nicht gefunden`);
    });

    it('keeps markup in a nested value verbatim', () => {
      const text = translator.translate(
        {
          key: 'errors.SCHEMA_MISMATCH',
          params: {
            schema: '{schema}',
            reason: { key: 'schema.REQUIRED', params: { field: '$t(kinds.tag)' } },
          },
        },
        'en',
      );

      expect(text).toBe(
        "Provided object does not match schema '{schema}': '$t(kinds.tag)' is a required property",
      );
    });
  });

  describe('when choosing a language', () => {
    it.each([
      [undefined, 'en'],
      ['zh', 'zh_CN'],
      ['zh-TW', 'zh_TW'],
      ['de-AT', 'de'],
      ['bogus;;q', 'en'],
    ])('maps %p to %s', (header, locale) => {
      expect(translator.languageFor(header)).toBe(locale);
    });
  });
});
