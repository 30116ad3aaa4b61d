/**
 * A fact the catalog recorded. `type` is an explicit, versioned string that never derives from
 * a class name; `data` is plain JSON.
 */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/** The static side of an event class: its type string and Glance notification name. */
export interface DomainEventClass<TType extends string = string, TData = unknown> {
  readonly TYPE: TType;
  /** Glance's notification `event_type` for this change, or null where Glance sends none. */
  readonly NOTIFICATION: string | null;
  new (data: TData): DomainEvent<TType, TData>;
}

/** Where an event sits in the log: its position and the id and time of its envelope. */
export interface EventContext {
  readonly position: number;
}
