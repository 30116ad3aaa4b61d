import { Global, Logger, Module } from '@nestjs/common';
import { I18nService, I18nTranslation } from 'nestjs-i18n';
import { BehaviorSubject } from 'rxjs';
import { CompiledTranslationsLoader } from './i18n-json.loader';
import { MessageTranslator } from './message-translator';
import { SOURCE_LANGUAGE, TRANSLATIONS } from './translations';

/**
 * nestjs-i18n's translation service over the compiled catalogues. The service is built here
 * rather than through `I18nModule.forRoot`, because that module adds a global interceptor and
 * an async-context hook to every request, while this service only needs a language for the
 * requests that fail: `MessageTranslator` picks it from `Accept-Language` when it renders one.
 */
/**
 * nestjs-i18n's formatter hook. `MessageTranslator` passes no arguments and fills parameters
 * itself, so this only has to leave `{name}` placeholders in place when no value is given.
 */
function fillPlaceholders(template: string, ...args: (string | Record<string, string>)[]): string {
  const values: Record<string, string> = Object.assign(
    {},
    ...args.filter((arg) => typeof arg === 'object'),
  );
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name] : placeholder,
  );
}

function createI18nService(): I18nService {
  const translations = new BehaviorSubject<I18nTranslation>(TRANSLATIONS as I18nTranslation);
  const languages = new BehaviorSubject<string[]>(Object.keys(TRANSLATIONS));
  return new I18nService(
    {
      fallbackLanguage: SOURCE_LANGUAGE,
      loaderOptions: {},
      logging: false,
      formatter: fillPlaceholders,
    },
    translations.asObservable(),
    languages.asObservable(),
    new Logger('I18nService'),
    new CompiledTranslationsLoader(),
    languages,
    translations,
  );
}

/** Message catalogues and the translator that renders client-facing messages. */
@Global()
@Module({
  providers: [{ provide: I18nService, useFactory: createI18nService }, MessageTranslator],
  exports: [MessageTranslator],
})
export class CatalogI18nModule {}
