import { randomBytes } from 'node:crypto';
import type { RequestHeaders } from './http-client';

/**
 * A caller, expressed as the trusted identity headers that keystonemiddleware would set
 * (`X-Identity-Status`, `X-Roles`, `X-Tenant-Id`, `X-User-Id`). `project` is undefined for the
 * unauthenticated caller.
 */
export interface Identity {
  label: string;
  project: string | undefined;
  headers: RequestHeaders;
}

// Project ids are fresh for every test file, so private namespaces left behind by earlier
// runs against a long-lived server never show up in these callers' lists.
const suffix = randomBytes(4).toString('hex');

function authenticated(label: string, project: string, roles: string[]): Identity {
  return {
    label,
    project,
    headers: {
      'X-Identity-Status': 'Confirmed',
      'X-Roles': roles.join(','),
      'X-Tenant-Id': project,
      'X-User-Id': `e2e-user-${label}-${suffix}`,
    },
  };
}

/** Holder of the admin role: reads and writes every namespace of every project. */
export const admin = authenticated('admin', `e2e-admin-${suffix}`, ['admin', 'member', 'reader']);

/** Reader of project A: reads public namespaces and those owned by project A, writes nothing. */
export const readerA = authenticated('reader-a', `e2e-project-a-${suffix}`, ['reader', 'member']);

/** Reader of project B. */
export const readerB = authenticated('reader-b', `e2e-project-b-${suffix}`, ['reader', 'member']);

/** Authenticated caller of project A with the member role only (not a reader). */
export const memberOnlyA = authenticated('member-a', readerA.project as string, ['member']);

/** Caller without identity headers. */
export const anonymous: Identity = { label: 'anonymous', project: undefined, headers: {} };
