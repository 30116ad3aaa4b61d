interface LanguageRange {
  /** The language range in lower case with `_` between subtags: `zh_hant_tw`, `*`. */
  readonly tag: string;
  readonly quality: number;
  readonly order: number;
}

/**
 * Target locales of the Chinese tags that match no locale name. The Traditional script and the
 * regions that write it (Hong Kong, Macao) go to `zh_TW`, and the Simplified script, Singapore
 * and plain `zh` go to `zh_CN`. Keys and values are normalized names.
 */
const LOCALE_ALIASES: Readonly<Record<string, string>> = {
  zh: 'zh_cn',
  zh_hans: 'zh_cn',
  zh_sg: 'zh_cn',
  zh_hant: 'zh_tw',
  zh_hk: 'zh_tw',
  zh_mo: 'zh_tw',
};

/** A language range as RFC 4647 allows it, written with `-` or `_` between subtags. */
const LANGUAGE_RANGE = /^(\*|[a-z]{1,8}([-_][a-z0-9]{1,8})*)$/i;

/** An RFC 9110 qvalue: 0 to 1 with at most three decimals. */
const QUALITY_VALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

/**
 * Picks the best available locale for an `Accept-Language` header. Ranges are tried by
 * quality, ties in header order. Each range is looked up as RFC 4647 lookup does, dropping
 * subtags from the end (`de-AT` → `de`, `en-US` → `en`, `zh-Hant-HK` → `zh_TW` by way of
 * `zh-Hant`). A range that still matches nothing takes any locale of its language
 * (`pt` → `pt_BR`, `ko` → `ko_KR`). `*` takes `fallback`. Ranges that are malformed or have
 * an invalid or zero quality are skipped, and a header that matches nothing gets `fallback`.
 */
export function resolveLanguage(
  header: string | undefined,
  available: readonly string[],
  fallback: string,
): string {
  if (!header) return fallback;
  const byNormalizedName = new Map(available.map((locale) => [normalize(locale), locale]));

  for (const range of parseRanges(header)) {
    if (range.tag === '*') return fallback;
    const match = lookup(range.tag, byNormalizedName) ?? sameLanguage(range.tag, available);
    if (match) return match;
  }
  return fallback;
}

/** Converts a locale name to its BCP 47 tag for `Content-Language`: `zh_TW` → `zh-TW`. */
export function toLanguageTag(locale: string): string {
  return locale.replace(/_/g, '-');
}

function lookup(tag: string, byNormalizedName: ReadonlyMap<string, string>): string | undefined {
  const subtags = tag.split('_');
  for (let length = subtags.length; length > 0; length--) {
    const prefix = subtags.slice(0, length).join('_');
    const match =
      byNormalizedName.get(prefix) ?? byNormalizedName.get(LOCALE_ALIASES[prefix] ?? '');
    if (match) return match;
  }
  return undefined;
}

function sameLanguage(tag: string, available: readonly string[]): string | undefined {
  const language = tag.split('_')[0];
  return available.find((locale) => normalize(locale).split('_')[0] === language);
}

function parseRanges(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];
  header.split(',').forEach((part, order) => {
    const [tag, ...parameters] = part.split(';').map((piece) => piece.trim());
    if (!LANGUAGE_RANGE.test(tag)) return;
    const quality = parseQuality(parameters);
    if (quality === undefined || quality === 0) return;
    ranges.push({ tag: normalize(tag), quality, order });
  });
  return ranges.sort((a, b) => b.quality - a.quality || a.order - b.order);
}

/** Reads the `q` parameter: 1 when absent, undefined when it is not a valid qvalue. */
function parseQuality(parameters: readonly string[]): number | undefined {
  let quality = 1;
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=').map((piece) => piece.trim());
    if (name.toLowerCase() !== 'q') continue;
    if (!QUALITY_VALUE.test(value)) return undefined;
    quality = Number(value);
  }
  return quality;
}

function normalize(tag: string): string {
  return tag.toLowerCase().replace(/-/g, '_');
}
