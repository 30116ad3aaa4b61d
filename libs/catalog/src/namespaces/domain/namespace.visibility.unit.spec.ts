import { randomUUID } from 'node:crypto';

import { CatalogError } from '../../shared/domain/catalog-error';
import { Caller } from '../../shared/domain/decision';
import { Messages } from '../../shared/domain/messages';
import { thrown } from './decisions/testing/decision-fixtures';
import { NamespaceNotFoundByNameError, NamespaceNotFoundError } from './namespace.errors';
import { isNamespaceVisible, requireVisibleNamespace } from './namespace.visibility';

const ADMIN: Caller = { projectId: 'admin-project', isAdmin: true };
const OWNER: Caller = { projectId: 'owner-project', isAdmin: false };
const STRANGER: Caller = { projectId: 'stranger-project', isAdmin: false };
const ANONYMOUS: Caller = { projectId: null, isAdmin: false };

describe(isNamespaceVisible.name, () => {
  const cases = [
    { label: 'admin sees private', visibility: 'private', caller: ADMIN, visible: true },
    { label: 'owner sees private', visibility: 'private', caller: OWNER, visible: true },
    { label: 'stranger misses private', visibility: 'private', caller: STRANGER, visible: false },
    { label: 'stranger sees public', visibility: 'public', caller: STRANGER, visible: true },
    { label: 'anonymous sees public', visibility: 'public', caller: ANONYMOUS, visible: true },
    { label: 'null counts as private', visibility: null, caller: STRANGER, visible: false },
    { label: 'owner sees null visibility', visibility: null, caller: OWNER, visible: true },
  ] as const;

  describe('when comparing callers', () => {
    it.each(cases)('$label', ({ visibility, caller, visible }) => {
      expect(isNamespaceVisible({ visibility, owner: 'owner-project' }, caller)).toBe(visible);
    });

    it('never matches anonymous to an empty owner', () => {
      expect(isNamespaceVisible({ visibility: 'private', owner: '' }, ANONYMOUS)).toBe(false);
    });
  });
});

describe(requireVisibleNamespace.name, () => {
  describe('when the namespace is missing', () => {
    it('uses the short message by default', () => {
      const name = `ns-${randomUUID()}`;

      const error = thrown(() => requireVisibleNamespace(undefined, name, ADMIN));

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
      expect((error as CatalogError).detail).toEqual({
        key: Messages.NAMESPACE_NOT_FOUND,
        params: { namespace: name },
      });
    });

    it('uses the long message on request', () => {
      const name = `ns-${randomUUID()}`;

      const error = thrown(() =>
        requireVisibleNamespace(undefined, name, ADMIN, 'not-found-by-name'),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundByNameError);
    });
  });

  describe('when the namespace is invisible', () => {
    it('always uses the short message', () => {
      const name = `ns-${randomUUID()}`;
      const record = { visibility: 'private', owner: 'owner-project' };

      const error = thrown(() =>
        requireVisibleNamespace(record, name, STRANGER, 'not-found-by-name'),
      );

      expect(error).toBeInstanceOf(NamespaceNotFoundError);
    });
  });

  describe('when the namespace is visible', () => {
    it('returns the record', () => {
      const record = { visibility: 'public', owner: 'owner-project' };

      expect(requireVisibleNamespace(record, 'ns', STRANGER)).toBe(record);
    });
  });
});
