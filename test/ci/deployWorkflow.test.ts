// .github/workflows/deploy.yml (which cannot run here) held to the repository: its jobs, the commands and paths it uses.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { RELEASE_TAG_PREFIX } from '../../infra/registry';

const ROOT = path.resolve(__dirname, '..', '..');

interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string | number>;
}
interface Job {
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/deploy.yml'), 'utf8')) as Workflow;
const lines = (job: Job) =>
  job.steps.flatMap((step) =>
    (step.run ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
const stackOutputs = () => {
  const program = readFileSync(path.join(ROOT, 'infra/index.ts'), 'utf8');
  const returned = program.slice(program.lastIndexOf('return {'));
  return [...returned.matchAll(/^\s+(\w+):/gm)].map((match) => match[1]);
};

describe('deploy workflow', () => {
  const { preview, deploy } = workflow.jobs;

  it('previews on pull requests and deploys on main, as two jobs', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['deploy', 'preview']);
    expect(workflow.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
    expect(preview?.if).toBe("github.event_name == 'pull_request'");
    expect(deploy?.if).toBe("github.event_name == 'push'");
  });

  it('assumes an AWS role by OIDC and holds no long-lived AWS keys', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const text = readFileSync(path.join(ROOT, '.github/workflows/deploy.yml'), 'utf8');
    expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id/);
    for (const job of [preview!, deploy!]) {
      const credentials = job.steps.find((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect(credentials?.with).toEqual({
        'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}',
        'aws-region': '${{ vars.AWS_REGION }}',
      });
    }
  });

  it('pins every action by a full commit SHA', () => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => step.uses ?? []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('previews the dev stack with the policy pack, against the image that runs', () => {
    expect(workflow.env.PULUMI_STACK).toBe('dev');
    expect(existsSync(path.join(ROOT, `Pulumi.${workflow.env.PULUMI_STACK}.yaml`))).toBe(true);
    const run = lines(preview!);
    expect(run).toContain('pulumi preview --stack "$PULUMI_STACK" --policy-pack infra/policies --diff');
    expect(stackOutputs()).toContain('image');
  });

  it('builds with Buildx, pushes a release tag, pins rampart:image to the digest and runs pulumi up', () => {
    const run = lines(deploy!);
    const order = [
      'REPO=$(pulumi stack output repositoryUrl',
      `TAG="${RELEASE_TAG_PREFIX}\${GITHUB_SHA}"`,
      'docker buildx build',
      'DIGEST=$(aws ecr describe-images',
      'pulumi config set rampart:image "$IMAGE"',
      'pulumi up --stack "$PULUMI_STACK" --policy-pack infra/policies --yes',
    ];
    const positions = order.map((command) => run.findIndex((line) => line.startsWith(command)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // One manifest per tag: attestations would add untagged manifests the ECR lifecycle could expire.
    expect(run.find((line) => line.startsWith('docker buildx build'))).toContain(
      '--provenance=false --tag "$REPO:$TAG" --push',
    );
    expect(stackOutputs()).toEqual(expect.arrayContaining(['repositoryUrl', 'serviceUrl']));
  });

  it('uses only paths and package.json scripts that exist', () => {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts;
    for (const line of [...lines(preview!), ...lines(deploy!)]) {
      for (const [, pack] of line.matchAll(/--policy-pack (\S+)/g)) {
        for (const file of ['package.json', 'PulumiPolicy.yaml', 'index.ts']) {
          expect(existsSync(path.join(ROOT, pack!, file))).toBe(true);
        }
      }
      for (const [, name] of line.matchAll(/npm run ([\w:-]+)/g)) expect(scripts).toHaveProperty([name!]);
    }
    expect(lines(deploy!)).toContain('npm ci');
    expect(existsSync(path.join(ROOT, 'Dockerfile'))).toBe(true);
  });
});
