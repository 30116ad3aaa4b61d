import { Global, Module } from '@nestjs/common';
import { AcceptLanguageResolver, I18nModule } from 'nestjs-i18n';
import { CompiledTranslationsLoader } from './i18n-json.loader';
import { MessageTranslator } from './message-translator';
import { SOURCE_LANGUAGE } from './translations';

/** Message catalogues and the translator that renders client-facing messages. */
@Global()
@Module({
  imports: [
    I18nModule.forRoot({
      fallbackLanguage: SOURCE_LANGUAGE,
      loader: CompiledTranslationsLoader,
      loaderOptions: {},
      resolvers: [AcceptLanguageResolver],
      disableMiddleware: true,
      logging: false,
    }),
  ],
  providers: [MessageTranslator],
  exports: [MessageTranslator],
})
export class CatalogI18nModule {}
