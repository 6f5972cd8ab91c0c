// jest + ts-jest (transpile only; `npm run typecheck` checks types). jose and change-case are ESM-only, so they are transformed too.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  // The example's browser test needs both production builds: `npm run test:example` runs it.
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/dist/',
    '<rootDir>/test/faults/',
    '<rootDir>/test/example/',
    '<rootDir>/.data/',
    '<rootDir>/.stryker-tmp/',
    '<rootDir>/packages/create-rampart/template/',
    '<rootDir>/test/newProject/slow/',
    '<rootDir>/test/generators/slow/',
  ],
  // StrykerJS's sandboxes are copies of the project, and the example is a project of its own: never load from them.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/', '<rootDir>/examples/nextjs-better-auth/'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  transformIgnorePatterns: ['/node_modules/(?!(jose|change-case|github-slugger)/)'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  testTimeout: 30000,
};
