// `npm run test:mutation [area...] [-- stryker options]`: runs StrykerJS area by area against one shared
// PostgreSQL, then prints and writes (reports/mutation/summary.md) each area's score, target and run time.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/dev/embeddedPostgres';
import { freePort, makeTempDir, removeDir } from '../test/support/testDatabase';
import { AREAS } from './areas.mjs';
import { COVERAGE_FILE } from './coveringTestFiles.cjs';
import { MUTANT_LOG } from './mutantLog.mjs';

/** The first test run's record of which test files cover which mutants (stryker/coveringTestFiles.cjs). */
const COVERING_FILES = 'covering-test-files.json';

const ROOT = path.resolve(__dirname, '..');
const REPORTS = path.join(ROOT, 'reports', 'mutation');

interface AreaResult {
  area: string;
  target: number;
  score: number;
  killed: number;
  survived: number;
  noCoverage: number;
  seconds: number;
}

/** Mutation score as Stryker counts it: detected (killed or timed out) over valid mutants (compile errors excluded). */
function tally(statuses: string[]): Omit<AreaResult, 'area' | 'target' | 'seconds'> {
  const count = (status: string) => statuses.filter((s) => s === status).length;
  const killed = count('Killed') + count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const valid = killed + survived + noCoverage;
  return { score: valid === 0 ? 100 : (100 * killed) / valid, killed, survived, noCoverage };
}

function readScore(area: string): Omit<AreaResult, 'area' | 'target' | 'seconds'> {
  const report = JSON.parse(readFileSync(path.join(REPORTS, area, 'mutation.json'), 'utf8')) as {
    files: Record<string, { mutants: { status: string }[] }>;
  };
  return tally(Object.values(report.files).flatMap((file) => file.mutants.map((mutant) => mutant.status)));
}

/** What a run that stopped early had measured, from the mutant-log reporter's file (stryker/mutantLog.mjs). */
function partialResult(area: string): string {
  const log = path.join(REPORTS, area, MUTANT_LOG);
  if (!existsSync(log)) return '';
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const { score, killed, survived, noCoverage } = tally(
    lines.map((line) => (JSON.parse(line) as { status: string }).status),
  );
  return `; before it stopped: ${killed} killed or timed out, ${survived} survived, ${noCoverage} without coverage (${score.toFixed(1)}% of those), each in ${path.relative(ROOT, log)}`;
}

/**
 * Runs Stryker for one area and resolves with its exit status. Never `spawnSync`: this process owns the embedded
 * PostgreSQL's log pipes, and a blocked event loop stops draining them. Once they fill (a few hundred kB of the
 * errors mutants provoke), every PostgreSQL backend that logs blocks on its write, and the tests behind it hang
 * until Stryker counts their mutants as timed out.
 */
function runStryker(args: string[], env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['stryker', 'run', 'stryker/stryker.config.mjs', ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    // Ctrl-C or a stop reaches Stryker; this process outlives it to stop the embedded PostgreSQL.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.once('error', reject);
    child.once('exit', (code) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code);
    });
  });
}

async function main(): Promise<void> {
  const separator = process.argv.indexOf('--');
  const named = process.argv.slice(2, separator === -1 ? undefined : separator);
  const strykerArgs = separator === -1 ? [] : process.argv.slice(separator + 1);
  const unknown = named.filter((area) => !(area in AREAS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown area ${unknown.join(', ')}; areas: ${Object.keys(AREAS).join(', ')}\n`);
    process.exit(2);
  }
  const areas = named.length > 0 ? named : Object.keys(AREAS);

  let embedded: { server: EmbeddedPostgresServer; dataDir: string } | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = makeTempDir('rampart-mutation-pg-');
    const server = await startEmbeddedPostgres({
      dataDir: `${dataDir}/data`,
      port: await freePort(),
      password: 'rampart-test',
      persistent: false,
    });
    embedded = { server, dataDir };
    serverUrl = server.url();
  }

  const results: AreaResult[] = [];
  try {
    for (const area of areas) {
      const started = performance.now();
      // Which test files cover which mutants: written by the first test run, read for each mutant.
      const coveringFiles = path.join(REPORTS, area, COVERING_FILES);
      mkdirSync(path.dirname(coveringFiles), { recursive: true });
      rmSync(coveringFiles, { force: true });
      const status = await runStryker(strykerArgs, {
        RAMPART_MUTATION_AREA: area,
        TEST_DATABASE_URL: serverUrl,
        [COVERAGE_FILE]: coveringFiles,
      });
      if (status !== 0 || !existsSync(path.join(REPORTS, area, 'mutation.json'))) {
        throw new Error(
          `stryker failed for ${area} (${status === null ? 'stopped' : `exit ${status}`})${partialResult(area)}`,
        );
      }
      const seconds = Math.round((performance.now() - started) / 1000);
      results.push({ area, target: AREAS[area as keyof typeof AREAS].target, seconds, ...readScore(area) });
    }
  } finally {
    if (embedded) {
      await embedded.server.stop();
      removeDir(embedded.dataDir);
    }
  }

  const rows = results.map(
    (r) =>
      `| ${r.area} | ${r.score.toFixed(1)}% | ${r.target}% | ${r.killed} | ${r.survived} | ${r.noCoverage} | ${r.seconds} s |`,
  );
  const summary = [
    `Mutation testing, ${new Date().toISOString()}`,
    '',
    '| area | score | target | killed | survived | no coverage | run time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(path.join(REPORTS, 'summary.md'), summary);
  process.stdout.write(`\n${summary}`);
  const below = results.filter((r) => r.score < r.target);
  if (below.length > 0) {
    process.stderr.write(`below target: ${below.map((r) => r.area).join(', ')}\n`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
