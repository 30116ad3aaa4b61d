/**
 * An event does not fit the state it is applied to (a child created twice, an update of
 * something missing). Decisions never produce such events, so this means the log holds a
 * record written by something else; the fold sets the whole commit aside.
 */
export class EventNotApplicableError extends Error {
  constructor(
    readonly eventType: string,
    reason: string,
  ) {
    super(`${eventType}: ${reason}`);
    this.name = 'EventNotApplicableError';
  }
}

/** Ends a switch over a closed union; the compiler proves the call unreachable. */
export function assertNever(value: never, what: string): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
