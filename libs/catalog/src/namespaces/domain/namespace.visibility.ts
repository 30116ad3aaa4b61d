import { Caller } from '../../shared/domain/decision';
import { NamespaceRecord, effectiveVisibility } from './namespace.types';
import { NamespaceNotFoundByNameError, NamespaceNotFoundError } from './namespace.errors';

/**
 * Whether a caller may see a namespace at all: admins see every namespace, everyone sees public
 * ones, and a project sees the namespaces it owns.
 */
export function isNamespaceVisible(
  record: Pick<NamespaceRecord, 'visibility' | 'owner'>,
  caller: Caller,
): boolean {
  return (
    caller.isAdmin ||
    effectiveVisibility(record) === 'public' ||
    (caller.projectId !== null && record.owner === caller.projectId)
  );
}

/** How a route reports a namespace that is missing; an invisible one is always `Namespace <ns> not found`. */
export type MissingNamespaceReport = 'not-found' | 'not-found-by-name';

/**
 * Looks a namespace up for a caller. Missing and invisible namespaces are reported alike, so
 * callers cannot learn which private namespaces exist.
 */
export function requireVisibleNamespace<T extends Pick<NamespaceRecord, 'visibility' | 'owner'>>(
  record: T | undefined | null,
  name: string,
  caller: Caller,
  whenMissing: MissingNamespaceReport = 'not-found',
): T {
  if (!record) {
    throw whenMissing === 'not-found-by-name'
      ? new NamespaceNotFoundByNameError(name)
      : new NamespaceNotFoundError(name);
  }
  if (!isNamespaceVisible(record, caller)) {
    throw new NamespaceNotFoundError(name);
  }
  return record;
}
