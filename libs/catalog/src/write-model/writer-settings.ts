/** Settings of the write path. */
export interface WriterSettings {
  /** How long a write waits for the read model to show it, in milliseconds. */
  readonly readYourWritesTimeoutMs: number;
  /**
   * Whether this process projects the log into the read model itself: true for the in-memory
   * read model, false when a separate projector app writes MongoDB.
   */
  readonly projectInline: boolean;
}

/** Nest injection token of the `WriterSettings`. */
export const WRITER_SETTINGS = Symbol('WriterSettings');
