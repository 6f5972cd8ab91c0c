// Types of mutantLog.mjs for stryker/run.ts.
/** The file, next to an area's JSON report, that holds one line per tested mutant. */
export declare const MUTANT_LOG: string;
export declare const strykerPlugins: unknown[];
