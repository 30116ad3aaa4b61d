import { Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import type { CatalogMessage } from '@metadefs/catalog';
import { resolveLanguage } from './accept-language';
import { SOURCE_LANGUAGE, TRANSLATIONS } from './translations';

/** Translates catalog messages, parameters first, into the language a request asks for. */
@Injectable()
export class MessageTranslator {
  private readonly languages = Object.keys(TRANSLATIONS);

  constructor(private readonly i18n: I18nService) {}

  /** The locale to answer an `Accept-Language` header with. */
  languageFor(acceptLanguage: string | undefined): string {
    return resolveLanguage(acceptLanguage, this.languages, SOURCE_LANGUAGE);
  }

  /**
   * Translates the template, then fills its `{name}` placeholders. Parameters are filled here,
   * after nestjs-i18n ran, because they carry client input: nestjs-i18n would expand a
   * `$t(...)` found in a value into another message.
   */
  translate(message: CatalogMessage, language: string): string {
    const template = this.i18n.translate(message.key, { lang: language }) as string;
    const params = message.params ?? {};
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(params, name)) return placeholder;
      const value = params[name];
      return typeof value === 'object' ? this.translate(value, language) : String(value);
    });
  }
}
