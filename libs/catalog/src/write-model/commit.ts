import { CatalogEvent } from './catalog-event';

/** An event as read back from the log, at its position. */
export interface PositionedEvent {
  readonly position: number;
  readonly event: CatalogEvent;
}

/**
 * The events one command appended, in order. The commit applies only if every stream in
 * `expectedVersions` still has that version when the commit is folded; otherwise another
 * writer got there first and the whole commit is void.
 */
export interface Commit {
  readonly id: string;
  readonly expectedVersions: Readonly<Record<string, number>>;
  readonly events: readonly PositionedEvent[];
}

/** What folding a commit did. */
export type CommitOutcome = 'applied' | 'conflict' | 'invalid';
