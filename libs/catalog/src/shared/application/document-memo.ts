/**
 * Serialized responses remembered per read-model document. Documents are immutable and a
 * change produces a new one, so an entry lives exactly as long as the document it renders.
 */
export class DocumentMemo {
  private readonly bodies = new WeakMap<object, Map<string, string>>();

  /** The body rendered for `document` under `key`, rendering it on first use. */
  get(document: object, key: string, render: () => string): string {
    let byKey = this.bodies.get(document);
    if (!byKey) {
      byKey = new Map();
      this.bodies.set(document, byKey);
    }
    let body = byKey.get(key);
    if (body === undefined) {
      body = render();
      byKey.set(key, body);
    }
    return body;
  }
}
