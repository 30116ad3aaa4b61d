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

  translate(message: CatalogMessage, language: string): string {
    const args: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.params ?? {})) {
      args[name] = typeof value === 'object' ? this.translate(value, language) : String(value);
    }
    return this.i18n.translate(message.key, { lang: language, args }) as string;
  }
}
