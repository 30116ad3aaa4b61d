/** Page sizes of the namespace list. */
export interface ListLimits {
  /** Page size when a request gives no `limit`. */
  readonly defaultLimit: number;
  /** Largest page, whatever `limit` asks for. */
  readonly maxLimit: number;
}

/** Nest injection token of the `ListLimits`. */
export const LIST_LIMITS = Symbol('LIST_LIMITS');
