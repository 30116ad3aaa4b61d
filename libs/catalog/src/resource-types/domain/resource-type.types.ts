/**
 * A global resource type name such as `OS::Glance::Image`. `seq` is the log position that
 * created it and orders the global list. `protected` is true for types the loader seeded and
 * false for types an association created on the fly; no route reads it.
 */
export interface ResourceTypeRecord {
  readonly name: string;
  readonly seq: number;
  readonly protected: boolean;
  readonly created_at: string;
  readonly updated_at: string | null;
}
