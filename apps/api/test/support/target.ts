/**
 * The server under test, chosen by environment variables:
 * - `E2E_TARGET`: `catalog` (default) or `glance` (reference OpenStack Glance).
 * - `E2E_BASE_URL`: the server's root URL. When the user sets it, global setup starts nothing.
 *   Otherwise global setup starts the target and sets it for the test workers.
 */
export type TargetName = 'catalog' | 'glance';

export function readTargetName(): TargetName {
  const value = process.env.E2E_TARGET ?? 'catalog';
  if (value !== 'catalog' && value !== 'glance') {
    throw new Error(`Invalid E2E_TARGET '${value}': expected 'catalog' or 'glance'`);
  }
  return value;
}

function readBaseUrl(): URL {
  const value = process.env.E2E_BASE_URL;
  if (!value) {
    throw new Error(
      'E2E_BASE_URL is not set: run the suite through jest --selectProjects e2e, whose global ' +
        'setup starts the target, or set E2E_BASE_URL to a running server',
    );
  }
  return new URL(value);
}

const name = readTargetName();

export const target = {
  name,
  isGlance: name === 'glance',
  isCatalog: name === 'catalog',
  get baseUrl(): URL {
    return readBaseUrl();
  },
};

/**
 * Selects the expected value for the current target, for a place where the catalog
 * deliberately differs from Glance. `reason` names the difference in words. It is not used at
 * run time but keeps every deviation explained where it is asserted.
 */
export function expectedFor<T>(values: { glance: T; catalog: T }, reason: string): T {
  if (reason.trim() === '') {
    throw new Error('expectedFor needs a reason that explains the difference');
  }
  return target.isGlance ? values.glance : values.catalog;
}
