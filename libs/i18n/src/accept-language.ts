interface LanguageRange {
  readonly tag: string;
  readonly quality: number;
  readonly order: number;
}

/**
 * Picks the best available locale for an `Accept-Language` header. Ranges are tried by
 * quality (then header order); each matches a locale exactly (`zh-TW` → `zh_TW`), then by
 * its primary language (`de-AT` → `de`, `pt` → `pt_BR`). Malformed headers and unknown
 * languages fall back to `fallback`.
 */
export function resolveLanguage(
  header: string | undefined,
  available: readonly string[],
  fallback: string,
): string {
  if (!header) return fallback;
  const byLowerName = new Map(available.map((locale) => [normalize(locale), locale]));

  for (const range of parseRanges(header)) {
    if (range.tag === '*') return fallback;
    const exact = byLowerName.get(range.tag);
    if (exact) return exact;
    const primary = range.tag.split('_')[0];
    const primaryMatch = byLowerName.get(primary);
    if (primaryMatch) return primaryMatch;
    const regional = available.find((locale) => normalize(locale).split('_')[0] === primary);
    if (regional) return regional;
  }
  return fallback;
}

function parseRanges(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];
  header.split(',').forEach((part, order) => {
    const [tag, ...parameters] = part.trim().split(';');
    if (!tag || !/^[A-Za-z]{1,8}([-_][A-Za-z0-9]{1,8})*$|^\*$/.test(tag.trim())) return;
    let quality = 1;
    for (const parameter of parameters) {
      const [name, value] = parameter.trim().split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value);
        quality = Number.isFinite(parsed) ? parsed : 0;
      }
    }
    if (quality > 0) ranges.push({ tag: normalize(tag.trim()), quality, order });
  });
  return ranges.sort((a, b) => b.quality - a.quality || a.order - b.order);
}

function normalize(tag: string): string {
  return tag.toLowerCase().replace(/-/g, '_');
}
