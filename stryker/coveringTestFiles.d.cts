// Types of coveringTestFiles.cjs for stryker/run.ts.
declare function coveringTestFiles(testPaths: string[]): Promise<{ filtered: string[] }>;
declare namespace coveringTestFiles {
  /** The environment variable naming the record of which test files cover which mutants. */
  const COVERAGE_FILE: string;
  /** The environment variable Stryker names the active mutant in. */
  const ACTIVE_MUTANT: string;
}
export = coveringTestFiles;
