/** Tests run against the TypeScript sources; `npm test` type-checks everything with `tsc -b` first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^whatsapp-business-core$': '<rootDir>/core/index.ts',
    '^whatsapp-sandbox$': '<rootDir>/sandbox/index.ts',
  },
  testTimeout: 30000,
};
