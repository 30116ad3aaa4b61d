/**
 * Test tiers, named by suffix:
 * - unit: `*.unit.spec.ts` beside the code, no I/O;
 * - e2e: `apps/<app>/test/**\/*.e2e.spec.ts`, HTTP against a running catalog or reference Glance;
 * - int: `*.int.spec.ts`, against real Kafka, MongoDB-protocol and Keystone servers.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@metadefs/([a-z0-9-]+)$': '<rootDir>/libs/$1/src',
  '^@metadefs/([a-z0-9-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};

const common = {
  rootDir: __dirname,
  // Only source folders: .services holds downloads and caches that jest must not crawl.
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.unit.spec.ts',
        '<rootDir>/apps/**/*.unit.spec.ts',
        '<rootDir>/test/**/*.unit.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/**/test/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/apps/api/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.services/'],
    },
  ],
  // Jest reads the timeout from the top level only; integration specs that need longer
  // set it themselves.
  testTimeout: 60000,
};
