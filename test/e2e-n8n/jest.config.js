/**
 * The end-to-end suite in a real n8n: `*.e2e.ts` only, never picked up by the default `npm test`
 * (whose jest config matches `*.test.ts`). Run through test/e2e-n8n/run.sh, which installs n8n,
 * builds and packs the package and sets the N8N_E2E_* environment.
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e-n8n'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^whatsapp-business-core$': '<rootDir>/core/index.ts',
    '^whatsapp-sandbox$': '<rootDir>/sandbox/index.ts',
  },
  testTimeout: 600000,
};
