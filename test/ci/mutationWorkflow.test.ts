// Mutation testing runs in its own weekly/manual workflow, never on push, and never from .ci/run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: { run?: string }[] }>;
}

describe('mutation testing in CI', () => {
  const workflow = parse(read('.github/workflows/mutation.yml')) as Workflow;
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));

  it('runs weekly and on demand, not on push or pull request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('calls npm run test:mutation, a script that exists', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(runs.some((run) => run.startsWith('npm run test:mutation'))).toBe(true);
    expect(scripts['test:mutation']).toEqual(expect.any(String));
  });

  it('is left out of .ci/run and of the push workflow', () => {
    expect(read('.ci/run')).not.toMatch(/mutation|stryker/);
    expect(read('.github/workflows/ci.yml')).not.toMatch(/test:mutation|stryker/);
  });
});
