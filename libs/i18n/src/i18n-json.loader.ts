import { I18nLoader, I18nTranslation } from 'nestjs-i18n';
import { TRANSLATIONS } from './translations';

/**
 * Serves the message catalogues compiled into the build, so the service needs no locale files
 * on disk at run time.
 */
export class CompiledTranslationsLoader extends I18nLoader {
  async languages(): Promise<string[]> {
    return Object.keys(TRANSLATIONS);
  }

  async load(): Promise<I18nTranslation> {
    return TRANSLATIONS as I18nTranslation;
  }
}
