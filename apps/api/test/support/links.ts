/**
 * Form-encodes query pairs the way Glance builds its `first` and `next` links (Python's
 * `urlencode`): unreserved characters are letters, digits and `_.-~`, space becomes `+`, and
 * everything else is percent-encoded UTF-8.
 */
export function formEncode(pairs: Array<[string, string]>): string {
  return pairs.map(([key, value]) => `${encodeFormValue(key)}=${encodeFormValue(value)}`).join('&');
}

function encodeFormValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
