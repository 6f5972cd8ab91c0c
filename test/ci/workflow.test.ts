// Item 6: .github/workflows/ci.yml (which cannot run here) at least calls scripts that exist, in the right order.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    { container?: string; services?: Record<string, { image: string }>; env?: Record<string, string>; steps: Step[] }
  >;
}

const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as Workflow;
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const job = Object.values(workflow.jobs)[0];
/** Every shell command of the job, one per line of each `run:`. */
const runs = (job?.steps ?? []).flatMap((step) => (step.run ?? '').split('\n').filter((line) => line.trim() !== ''));

describe('CI workflow', () => {
  it('runs on push and pull request, on Node 20 with a PostgreSQL 16 service the tests use', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(job?.container).toMatch(/^node:20-/);
    expect(job?.steps).toContainEqual(
      expect.objectContaining({ uses: 'actions/setup-node@v4', with: expect.objectContaining({ 'node-version': 20 }) }),
    );
    expect(job?.services?.postgres?.image).toBe('postgres:16');
    expect(job?.env?.TEST_DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
  });

  it('installs, lints, checks formatting and types, then tests, in that order', () => {
    const order = [
      'npm ci',
      'npm run lint',
      'npm run format:check',
      'npm run typecheck',
      'npm test',
      'npm run checklist',
    ];
    const positions = order.map((command) => runs.findIndex((run) => run.startsWith(command)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('checks that the committed typed client is current, when the project has one', () => {
    expect(runs.some((run) => run.startsWith('npm run client:check'))).toBe('client:check' in scripts);
  });

  it('calls only package.json scripts that exist, and files that exist', () => {
    for (const run of runs) {
      for (const [, name] of run.matchAll(/npm run ([\w:-]+)/g))
        expect([name, scripts[name as string]]).toEqual([name, expect.any(String)]);
      for (const [, file] of run.matchAll(/bash (\S+)/g))
        expect(() => readFileSync(path.join(ROOT, file as string))).not.toThrow();
    }
    expect(scripts.test).toBeDefined();
  });

  it('creates the folder jest writes its JSON result into, before the test run', () => {
    expect(runs.indexOf('mkdir -p reports')).toBeGreaterThanOrEqual(0);
    expect(runs.indexOf('mkdir -p reports')).toBeLessThan(runs.findIndex((run) => run.startsWith('npm test')));
  });

  it('uploads the checklist and JUnit reports the checklist step writes', () => {
    const upload = job?.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toContain('reports/');
    const resultsFile = /--outputFile=(\S+)/.exec(runs.find((run) => run.startsWith('npm test')) ?? '')?.[1];
    expect(runs.find((run) => run.startsWith('npm run checklist'))).toContain(`--results ${resultsFile}`);
  });
});
