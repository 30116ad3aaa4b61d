import de from './locales/de.json';
import en from './locales/en.json';
import en_GB from './locales/en_GB.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import it from './locales/it.json';
import ja from './locales/ja.json';
import ko_KR from './locales/ko_KR.json';
import pt_BR from './locales/pt_BR.json';
import ru from './locales/ru.json';
import tr_TR from './locales/tr_TR.json';
import zh_CN from './locales/zh_CN.json';
import zh_TW from './locales/zh_TW.json';

/** The message catalogue of every shipped locale, keyed by locale name (`en`, `zh_TW`, ...). */
export const TRANSLATIONS: Readonly<Record<string, Record<string, unknown>>> = {
  en,
  en_GB,
  de,
  es,
  fr,
  it,
  ja,
  ko_KR,
  pt_BR,
  ru,
  tr_TR,
  zh_CN,
  zh_TW,
};

/** The language every message is written in first, and the fallback for everything else. */
export const SOURCE_LANGUAGE = 'en';

/**
 * Formats a message from the shipped catalogues without a request, for command-line tools:
 * the template of `language` (English by default) with its `{name}` placeholders filled.
 * An unknown key comes back as the key itself.
 */
export function formatMessage(
  message: { readonly key: string; readonly params?: Readonly<Record<string, unknown>> },
  language = SOURCE_LANGUAGE,
): string {
  const [group, name] = message.key.split('.');
  const catalogue = (TRANSLATIONS[language] ?? TRANSLATIONS[SOURCE_LANGUAGE])[group] as
    Record<string, string> | undefined;
  const template = catalogue && Object.hasOwn(catalogue, name) ? catalogue[name] : message.key;
  const params = message.params ?? {};
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => {
    if (!Object.hasOwn(params, key)) return placeholder;
    const value = params[key];
    return typeof value === 'object' && value !== null
      ? formatMessage(value as { key: string }, language)
      : String(value);
  });
}
