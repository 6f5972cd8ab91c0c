// StrykerJS configuration for one area (RAMPART_MUTATION_AREA, set by stryker/run.ts): jest runs only the
// tests that cover each mutant, the TypeScript checker drops mutants that do not compile, and the previous
// report makes re-runs incremental.
import { AREAS } from './areas.mjs';

const area = process.env.RAMPART_MUTATION_AREA ?? '';
const settings = AREAS[area];
if (!settings) throw new Error(`RAMPART_MUTATION_AREA must be one of ${Object.keys(AREAS).join(', ')}`);
const reports = `reports/mutation/${area}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: true,
    // Tests that run the code in another process (spawned servers, the built CLI, a browser) never see the mutant.
    config: {
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/dist/',
        '<rootDir>/test/faults/',
        '<rootDir>/.data/',
        '<rootDir>/test/docs/',
        '<rootDir>/test/server.test.ts',
        '<rootDir>/test/cli.test.ts',
        '<rootDir>/test/interop/betterAuth.test.ts',
        '<rootDir>/test/generators/slow/',
        '<rootDir>/test/generators/cli.test.ts',
        // Runs the policy pack under Pulumi's own runner, which compiles the instrumented sources and fails.
        '<rootDir>/infra/test/pulumiRunners.test.ts',
      ],
      // Every test in the mutation areas finishes in under 1.5 s. A mutant that leaves a request hanging then fails
      // its test after 10 s (killed), instead of waiting out the suite's 30 s and Stryker's own timeout, after
      // which Stryker restarts the jest runner and its database setup before the next mutant.
      testTimeout: 10_000,
      // jest's node environment, crediting what `beforeAll` hooks run (the app a test file builds) to the tests
      // under them; see the file. Stryker resolves it from the sandbox and wraps it with its own.
      testEnvironment: './stryker/hookCoverageEnvironment.cjs',
      // Each mutant runs only the test files that cover it (the environment records them in the first run).
      filter: '<rootDir>/stryker/coveringTestFiles.cjs',
      ...(settings.database ? {} : { globalSetup: null, globalTeardown: null }),
      ...(settings.tests ? { testMatch: settings.tests } : {}),
    },
  },
  checkers: ['typescript'],
  tsconfigFile: 'stryker/tsconfig.json',
  // ts-jest only transpiles, so no `// @ts-nocheck` is needed; it would break the golden-output test.
  disableTypeChecks: false,
  coverageAnalysis: 'perTest',
  // Module-level constants (rule names, messages) would rerun every test for each mutant: measured at 84% of
  // the time for infra/policies. They are reported as ignored, not counted in the score.
  ignoreStatic: true,
  mutate: settings.mutate,
  ignorePatterns: ['reports', 'dist', '.data', 'coverage', 'test-artifacts', 'bench/results', '.stryker-tmp'],
  incremental: true,
  incrementalFile: `${reports}/incremental.json`,
  // mutant-log (stryker/mutantLog.mjs) keeps each result as it comes, for runs stopped before the end.
  plugins: ['@stryker-mutator/*', './stryker/mutantLog.mjs'],
  reporters: ['html', 'json', 'clear-text', 'progress', 'mutant-log'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: settings.target, low: settings.target - 10, break: null },
  // A mutant times out when its tests take 1.5 times as long as they did unmutated, plus 10 s: enough that a
  // busy machine does not pass a slow run off as a detected mutant, short enough to keep each timeout cheap
  // (it also restarts the jest runner with its database setup).
  timeoutMS: 10_000,
  timeoutFactor: 1.5,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
