// The jest filter of mutation runs: each mutant runs only the test files whose tests cover it. Stryker picks the
// covering tests by name (`--testNamePattern`), but jest still loads every related test file, with its imports
// and its app, to find out that none of its tests match: about 0.5 s per file and some 40 files per mutant in
// `auth`. The dry run's environment (stryker/hookCoverageEnvironment.cjs) records which files cover which
// mutants; without that record, or for a mutant it does not list, every file runs, as before.
/* eslint-disable @typescript-eslint/no-require-imports */
const { readFileSync, statSync } = require('node:fs');
const path = require('node:path');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where stryker/run.ts tells the environment and this filter to keep the record. */
const COVERAGE_FILE = 'RAMPART_MUTATION_COVERING_FILES';
/** How Stryker names the active mutant to the code under test (`INSTRUMENTER_CONSTANTS` in @stryker-mutator/api). */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

let cached = { file: '', mtimeMs: 0, coverage: {} };

function readCoverage(file) {
  const { mtimeMs } = statSync(file);
  if (cached.file !== file || cached.mtimeMs !== mtimeMs) {
    cached = { file, mtimeMs, coverage: JSON.parse(readFileSync(file, 'utf8')) };
  }
  return cached.coverage;
}

/** @param {string[]} testPaths the test files jest would run (absolute) */
async function coveringTestFiles(testPaths) {
  const mutant = process.env[ACTIVE_MUTANT];
  const file = process.env[COVERAGE_FILE];
  if (mutant === undefined || !file) return { filtered: testPaths };
  let coverage;
  try {
    coverage = readCoverage(file);
  } catch {
    return { filtered: testPaths };
  }
  const covering = testPaths.filter((test) => coverage[path.relative(process.cwd(), test)]?.includes(mutant));
  return { filtered: covering.length > 0 ? covering : testPaths };
}

module.exports = coveringTestFiles;
module.exports.COVERAGE_FILE = COVERAGE_FILE;
module.exports.ACTIVE_MUTANT = ACTIVE_MUTANT;
