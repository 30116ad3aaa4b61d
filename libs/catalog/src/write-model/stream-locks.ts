/**
 * In-process locks on version streams. Writes that touch the same namespace take turns in this
 * process, so they do not void each other's commits and retry; writes to other namespaces still
 * share appends. Other processes are kept apart by the fold's version checks alone.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Waits for every earlier holder of these streams and returns the function that releases
   * them. Streams are taken in sorted order, so two writers never wait for each other.
   */
  async acquire(streams: readonly string[]): Promise<() => void> {
    const keys = [...new Set(streams)].sort();
    const releases: Array<() => void> = [];
    for (const key of keys) {
      const previous = this.tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => held);
      this.tails.set(key, tail);
      await previous;
      releases.push(() => {
        release();
        if (this.tails.get(key) === tail) this.tails.delete(key);
      });
    }
    return () => releases.forEach((release) => release());
  }
}
