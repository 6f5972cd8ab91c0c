// A Stryker reporter ("mutant-log") that appends each mutant's result to `mutants.jsonl`, next to the area's JSON
// report, as soon as the mutant is tested. Stryker writes its reports only at the end of a run; a run stopped
// before then (hours on a 2-core machine) still leaves what it measured, survivors included.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PluginKind, commonTokens, declareFactoryPlugin } from '@stryker-mutator/api/plugin';

export const MUTANT_LOG = 'mutants.jsonl';

/** @param {import('@stryker-mutator/api/core').StrykerOptions} options */
function createMutantLog(options) {
  const file = path.join(path.dirname(options.jsonReporter.fileName), MUTANT_LOG);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  return {
    /** @param {import('@stryker-mutator/api/core').MutantResult} mutant */
    onMutantTested(mutant) {
      const entry = {
        id: mutant.id,
        file: path.relative(process.cwd(), mutant.fileName),
        line: mutant.location.start.line,
        column: mutant.location.start.column + 1,
        mutator: mutant.mutatorName,
        replacement: mutant.replacement,
        status: mutant.status,
        killedBy: mutant.killedBy,
      };
      appendFileSync(file, `${JSON.stringify(entry)}\n`);
    },
  };
}
createMutantLog.inject = /** @type {const} */ ([commonTokens.options]);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.Reporter, 'mutant-log', createMutantLog)];
