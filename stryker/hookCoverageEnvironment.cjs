// The jest environment of mutation runs: jest's node environment, plus per-test coverage for what `beforeAll`
// hooks run. Stryker counts code as covered by a test only while that test runs, so the app a test file builds
// in `beforeAll` (its routes, limiters, models) would count as covered by no test, and its mutants would be run
// against only the few tests that build an app of their own. Here a `beforeAll` hook's coverage is credited to
// every test under the hook's describe block. Stryker wraps this environment with its own (it sets the current
// test on `test_start`), and reads the coverage from its instrumenter's global.
// In the first (dry) run it also records, per test file, the mutants its tests cover, for the jest filter of the
// mutant runs (stryker/coveringTestFiles.cjs).
// CommonJS, as Stryker loads the environment with require().
/* eslint-disable @typescript-eslint/no-require-imports */
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');
const { ACTIVE_MUTANT, COVERAGE_FILE } = require('./coveringTestFiles.cjs');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The key this environment records a `beforeAll` hook's coverage under, until it hands it to the tests. */
const HOOK_KEY = 'rampart:beforeAll';

/** A test's name as Stryker keys it: its describe blocks' names and its own, space-separated. */
function testName(test) {
  const names = [test.name];
  // The root block (the one without a parent) has no name of its own.
  for (let block = test.parent; block?.parent; block = block.parent) names.unshift(block.name);
  return names.join(' ').trimStart();
}

function addHits(into, hits) {
  for (const [mutant, count] of Object.entries(hits)) into[mutant] = (into[mutant] ?? 0) + count;
}

/** Adds this test file's covered mutants to the coverage file (read, merged, written: files run one at a time). */
function recordCoveringFile(file, testFile, mutants) {
  let coverage = {};
  try {
    coverage = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // The first test file of the run starts the file.
  }
  coverage[testFile] = [...new Set([...(coverage[testFile] ?? []), ...mutants])];
  writeFileSync(file, JSON.stringify(coverage));
}

class HookCoverageEnvironment extends TestEnvironment {
  /** Coverage of each describe block's `beforeAll` hooks. */
  #hookHits = new Map();
  /** This test file, relative to the sandbox, and the names of the tests it started. */
  #testFile;
  #testNames = new Set();

  constructor(config, context) {
    super(config, context);
    this.#testFile = path.relative(process.cwd(), context.testPath);
  }

  async teardown() {
    const file = process.env[COVERAGE_FILE];
    const perTest = this.#stryker()?.mutantCoverage?.perTest;
    if (file && perTest && process.env[ACTIVE_MUTANT] === undefined) {
      const mutants = [...this.#testNames].flatMap((name) => Object.keys(perTest[name] ?? {}));
      recordCoveringFile(file, this.#testFile, mutants);
    }
    await super.teardown();
  }

  /** Stryker's instrumenter context, the global its instrumented code records coverage in. */
  #stryker() {
    return this.global[this.global.__strykerGlobalNamespace__ ?? '__stryker__'];
  }

  async handleTestEvent(event) {
    const stryker = this.#stryker();
    if (!stryker) return;
    if (event.name === 'hook_start' && event.hook.type === 'beforeAll') {
      stryker.currentTestId = HOOK_KEY;
    } else if ((event.name === 'hook_success' || event.name === 'hook_failure') && event.hook.type === 'beforeAll') {
      stryker.currentTestId = undefined;
      const perTest = stryker.mutantCoverage?.perTest;
      const hits = perTest?.[HOOK_KEY];
      if (!hits) return;
      delete perTest[HOOK_KEY];
      const block = event.hook.parent;
      if (!this.#hookHits.has(block)) this.#hookHits.set(block, {});
      addHits(this.#hookHits.get(block), hits);
    } else if (event.name === 'test_start') {
      const perTest = stryker.mutantCoverage?.perTest;
      if (!perTest) return;
      const name = testName(event.test);
      this.#testNames.add(name);
      for (let block = event.test.parent; block; block = block.parent) {
        const hits = this.#hookHits.get(block);
        if (hits) addHits((perTest[name] ??= {}), hits);
      }
    }
  }
}

module.exports = HookCoverageEnvironment;
