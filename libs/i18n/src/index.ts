export * from './accept-language';
export * from './i18n.module';
export * from './message-translator';
export * from './translations';
