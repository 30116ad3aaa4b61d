import { DEFAULT_POLICY_RULES, Identity, PolicyEngine } from '@metadefs/identity';

import { ResourceNotFoundError } from '../../namespaces/domain/namespace.errors';
import { CatalogError, ForbiddenError } from '../domain/catalog-error';
import { PolicyTarget } from '../domain/decision';
import { Messages } from '../domain/messages';
import { MetadefAuthorizer } from './metadef-authorizer';

function identity(projectId: string | null, roles: string[]): Identity {
  return { userId: 'user-1', projectId, domainId: 'default', roles, readOnly: false };
}

const ADMIN = identity('admin-project', ['admin', 'reader']);
const READER = identity('reader-project', ['reader', 'member']);
const MEMBER_ONLY = identity('reader-project', ['member']);

const OWN_PRIVATE: PolicyTarget = { owner: 'reader-project', visibility: 'private' };
const OWN_UNSET: PolicyTarget = { owner: 'reader-project', visibility: null };
const OTHER_PRIVATE: PolicyTarget = { owner: 'other-project', visibility: 'private' };
const OTHER_PUBLIC: PolicyTarget = { owner: 'other-project', visibility: 'public' };

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw');
}

describe(MetadefAuthorizer.name, () => {
  const authorizer = new MetadefAuthorizer(new PolicyEngine(DEFAULT_POLICY_RULES));

  describe('when the rule passes', () => {
    it('returns quietly for admins', () => {
      expect(() =>
        authorizer.authorize(ADMIN, 'delete_metadef_namespace', OTHER_PRIVATE),
      ).not.toThrow();
    });

    it('lets readers read their namespaces', () => {
      expect(() => authorizer.authorize(READER, 'get_metadef_objects', OWN_UNSET)).not.toThrow();
    });
  });

  describe('when the caller can read the namespace', () => {
    it('answers 403 naming the rule', () => {
      const error = thrown(() =>
        authorizer.authorize(READER, 'modify_metadef_namespace', OTHER_PUBLIC),
      );

      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as CatalogError).detail).toEqual({
        key: Messages.POLICY_FORBIDDEN,
        params: { rule: 'modify_metadef_namespace' },
      });
    });

    it('answers 403 on its own project', () => {
      const error = thrown(() => authorizer.authorize(READER, 'add_metadef_tag', OWN_PRIVATE));

      expect(error).toBeInstanceOf(ForbiddenError);
    });

    it('answers 403 for a create', () => {
      const error = thrown(() => authorizer.authorize(READER, 'add_metadef_namespace'));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });

  describe('when the caller cannot read the namespace', () => {
    it('answers 404 for a write', () => {
      const error = thrown(() =>
        authorizer.authorize(READER, 'modify_metadef_namespace', OTHER_PRIVATE),
      );

      expect(error).toBeInstanceOf(ResourceNotFoundError);
      expect((error as CatalogError).detail).toEqual({ key: Messages.DEFAULT_404 });
    });

    it('answers 404 for the read rule', () => {
      const error = thrown(() =>
        authorizer.authorize(READER, 'get_metadef_namespace', OTHER_PRIVATE),
      );

      expect(error).toBeInstanceOf(ResourceNotFoundError);
    });

    it('answers 404 to callers without reader', () => {
      const error = thrown(() => authorizer.authorize(MEMBER_ONLY, 'add_metadef_namespace'));

      expect(error).toBeInstanceOf(ResourceNotFoundError);
    });

    it('answers 404 to members on public', () => {
      const error = thrown(() =>
        authorizer.authorize(MEMBER_ONLY, 'get_metadef_tags', OTHER_PUBLIC),
      );

      expect(error).toBeInstanceOf(ResourceNotFoundError);
    });
  });

  describe('when asking without raising', () => {
    it('reports a pass', () => {
      expect(authorizer.allows(READER, 'get_metadef_namespace', OTHER_PUBLIC)).toBe(true);
    });

    it('reads a null visibility as private', () => {
      const target: PolicyTarget = { owner: 'other-project', visibility: null };

      expect(authorizer.allows(READER, 'get_metadef_namespace', target)).toBe(false);
    });
  });

  describe('when describing the caller', () => {
    it('marks admins', () => {
      expect(authorizer.callerOf(ADMIN)).toEqual({ projectId: 'admin-project', isAdmin: true });
    });

    it('marks readers as not admin', () => {
      expect(authorizer.callerOf(READER)).toEqual({ projectId: 'reader-project', isAdmin: false });
    });
  });

  describe('when building a decision context', () => {
    it('carries time and caller', () => {
      const now = new Date('2024-01-01T00:00:00Z');

      const context = authorizer.decisionContext(READER, now);

      expect(context.now).toBe(now);
      expect(context.caller).toEqual({ projectId: 'reader-project', isAdmin: false });
    });

    it('enforces through the policy', () => {
      const context = authorizer.decisionContext(READER, new Date());

      const error = thrown(() => context.authorize('delete_metadef_tag', OTHER_PUBLIC));

      expect(error).toBeInstanceOf(ForbiddenError);
    });
  });
});
