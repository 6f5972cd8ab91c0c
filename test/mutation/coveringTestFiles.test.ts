// The jest filter of mutation runs (stryker/coveringTestFiles.cjs): a mutant runs only the test files whose
// tests cover it, and every file runs whenever the first run's record cannot say.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import coveringTestFiles, { ACTIVE_MUTANT, COVERAGE_FILE } from '../../stryker/coveringTestFiles.cjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-covering-'));
const record = path.join(dir, 'covering-test-files.json');
const files = ['test/auth/signin.test.ts', 'test/auth/tokens.test.ts', 'test/logging.test.ts'] as const;
const absolute = files.map((file) => path.resolve(process.cwd(), file));

beforeAll(() => {
  writeFileSync(record, JSON.stringify({ [files[0]]: ['7', '12'], [files[1]]: ['12'], [files[2]]: [] }));
});
function setEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(() => {
  setEnv(ACTIVE_MUTANT, undefined);
  setEnv(COVERAGE_FILE, undefined);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files the filter keeps, with this active mutant and record (`null`: no record named). */
async function filtered(mutant: string | undefined, recordFile: string | null = record) {
  setEnv(ACTIVE_MUTANT, mutant);
  setEnv(COVERAGE_FILE, recordFile ?? undefined);
  return (await coveringTestFiles(absolute)).filtered.map((file) => path.relative(process.cwd(), file));
}

describe('the covering-test-files filter', () => {
  it('keeps only the files whose tests cover the active mutant', async () => {
    expect(await filtered('12')).toEqual([files[0], files[1]]);
    expect(await filtered('7')).toEqual([files[0]]);
  });

  it('runs every file for a mutant the record does not list', async () => {
    expect(await filtered('99')).toEqual(files);
  });

  it('runs every file in the first run (no active mutant), without a record, or with an unreadable one', async () => {
    expect(await filtered(undefined)).toEqual(files);
    expect(await filtered('7', null)).toEqual(files);
    expect(await filtered('7', path.join(dir, 'missing.json'))).toEqual(files);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{');
    expect(await filtered('7', broken)).toEqual(files);
  });
});
