/**
 * Serialized responses keyed by request, valid for one read-model revision. Reads repeat far
 * more often than the catalog changes, so most requests skip querying and serializing.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { revision: number; body: string }>();

  constructor(private readonly maxEntries = 2000) {}

  /** The cached body for `key` at `revision`, or the body `render` produces, cached. */
  async getOrRender(
    key: string,
    revision: number | undefined,
    render: () => Promise<string>,
  ): Promise<string> {
    if (revision === undefined) return render();
    const hit = this.entries.get(key);
    if (hit && hit.revision === revision) return hit.body;

    const body = await render();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(key);
    this.entries.set(key, { revision, body });
    return body;
  }
}
