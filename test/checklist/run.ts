// `npm run checklist`: runs the checklist's tests, prints each item's verdict and writes reports/ for CI.
// `npm run checklist -- --results <jest.json>` judges an existing `jest --json` result instead (CI reuses `npm test`'s).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checklistItems } from './checklistItems';
import { evaluate, renderJunit, renderMarkdown, renderText, type JestJson } from './report';

const ROOT = path.resolve(__dirname, '..', '..');
const REPORTS = path.join(ROOT, 'reports');

/** Runs only the files the checklist names; returns the path of jest's JSON result, or undefined if none was written. */
function runChecklistTests(): string | undefined {
  const output = path.join(REPORTS, 'checklist-jest.json');
  rmSync(output, { force: true });
  const files = [...new Set(checklistItems.flatMap((item) => item.proofs.map((proof) => proof.file)))];
  // Jest's exit status is not the verdict: the checklist decides item by item, and a missing file is reported there.
  const jest = spawnSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--json',
      `--outputFile=${output}`,
      '--runTestsByPath',
      ...files.filter((file) => existsSync(path.join(ROOT, file))),
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (existsSync(output)) return output;
  console.error(`checklist: jest wrote no result (exit ${jest.status ?? jest.signal}).`);
  return undefined;
}

function main(args: string[]): number {
  mkdirSync(REPORTS, { recursive: true });
  const resultsFlag = args.indexOf('--results');
  const given = resultsFlag >= 0 ? args[resultsFlag + 1] : undefined;
  if (resultsFlag >= 0 && !given) {
    console.error('checklist: --results needs the path of a `jest --json` output file.');
    return 2;
  }
  const resultsFile = given ? path.resolve(given) : runChecklistTests();
  if (!resultsFile) return 1;
  if (!existsSync(resultsFile)) {
    console.error(`checklist: ${resultsFile} does not exist.`);
    return 2;
  }
  const results = evaluate(checklistItems, JSON.parse(readFileSync(resultsFile, 'utf8')) as JestJson, ROOT);
  writeFileSync(path.join(REPORTS, 'checklist.md'), renderMarkdown(results));
  writeFileSync(path.join(REPORTS, 'junit.xml'), renderJunit(results));
  console.log(`\n${renderText(results)}`);
  console.log('Wrote reports/checklist.md and reports/junit.xml.');
  return results.every((item) => item.passed) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
