import { QueryPairs } from '../../../shared/application/query-params';

const BASE = '/v2/metadefs/namespaces';

/** Encodes a query component as Python's `quote_plus` does: space as `+`, all else escaped. */
export function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * The `first` link: the list path with every request parameter except `marker`, each name
 * once with its last value, in the order the names first appear.
 */
export function firstLink(query: QueryPairs): string {
  const values = new Map<string, string>();
  for (const [name, value] of query) {
    if (name !== 'marker') values.set(name, value);
  }
  if (values.size === 0) return BASE;
  const encoded = [...values].map(([name, value]) => `${quotePlus(name)}=${quotePlus(value)}`);
  return `${BASE}?${encoded.join('&')}`;
}

/** The `next` link: the `first` link with `marker` set to the last item of the page. */
export function nextLink(query: QueryPairs, lastName: string): string {
  const first = firstLink(query);
  const separator = first.includes('?') ? '&' : '?';
  return `${first}${separator}marker=${quotePlus(lastName)}`;
}
