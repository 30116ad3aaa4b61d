import en from './locales/en.json';

/** The message catalogue of every shipped locale, keyed by locale name (`en`, `zh_TW`, ...). */
export const TRANSLATIONS: Readonly<Record<string, Record<string, unknown>>> = {
  en,
};

/** The language every message is written in first, and the fallback for everything else. */
export const SOURCE_LANGUAGE = 'en';
