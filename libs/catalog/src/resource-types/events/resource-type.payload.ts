/** The data of resource type events. Glance sends no notification for these changes. */
export interface ResourceTypePayload {
  readonly name: string;
  readonly protected: boolean;
  readonly created_at: string;
  readonly updated_at: string | null;
}
