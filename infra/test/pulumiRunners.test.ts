// The program and the policy pack loaded the way the Pulumi CLI loads them: @pulumi/pulumi's own runners, offline.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AnalyzerInfo } from '@pulumi/pulumi/proto/analyzer_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { rampartPolicies } from '../policies/policies';
import { ROOT, TEST_CERTIFICATE_ARN, TEST_IMAGE, stackSettings } from './mockedProgram';
import {
  API_SERVER_MARKER,
  analyzeResources,
  programLocation,
  runWithPulumiRunner,
  stageProject,
  startPolicyPack,
  type Diagnostic,
  type PolicyPackServer,
  type ProgramRunResult,
} from './pulumiCli';

const STACKS = {
  dev: { 'rampart:image': TEST_IMAGE },
  prod: {
    'rampart:image': TEST_IMAGE,
    'rampart:certificateArn': TEST_CERTIFICATE_ARN,
    'rampart:domainName': 'api.example.com',
  },
} as const;
type StackName = keyof typeof STACKS;
const config = (stack: StackName) => ({ ...stackSettings(stack), ...STACKS[stack] });
const POLICY_PACK = path.join(ROOT, 'infra/policies');

let staged: ReturnType<typeof stageProject>;
const runs = {} as Record<StackName, ProgramRunResult>;
let pack: PolicyPackServer;

beforeAll(async () => {
  staged = stageProject();
  const [dev, prod] = await Promise.all([
    runWithPulumiRunner(staged.root, 'dev', config('dev')),
    runWithPulumiRunner(staged.root, 'prod', config('prod')),
  ]);
  Object.assign(runs, { dev, prod });
  pack = await startPolicyPack(POLICY_PACK, dev.engine.address);
}, 900_000);

afterAll(async () => {
  await pack?.stop();
  staged?.remove();
});

const errorsOf = (run: ProgramRunResult) => run.engine.logs.filter((log) => log.severity === 'error');
const stackOf = (run: ProgramRunResult) => run.engine.resources.find((r) => r.type === 'pulumi:pulumi:Stack');
const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.level} ${d.policy} ${d.resource}`).sort();

describe('the program under the runner (cmd/run) with dist/ built', () => {
  it('names a file as Pulumi.yaml main, so the runner never falls back to package.json main', () => {
    expect(programLocation(ROOT)).toEqual({ pwd: path.join(ROOT, 'infra'), entryPoint: 'index.ts' });
  });

  it.each(Object.keys(STACKS) as StackName[])(
    'runs infra/index.ts for the %s stack and registers it whole',
    (stack) => {
      const run = runs[stack];
      expect({ code: run.code, errors: errorsOf(run), stderr: run.stderr }).toEqual({
        code: 0,
        errors: [],
        stderr: '',
      });
      expect(run.engine.logs.map((log) => log.message)).toContain(
        `Running program '${path.join(staged.root, 'infra/index.ts')}' in pwd '${path.join(staged.root, 'infra')}' w/ args: `,
      );
      expect(run.engine.rootUrn()).toBe(`urn:pulumi:${stack}::rampart::pulumi:pulumi:Stack::rampart-${stack}`);
      const types = new Set(run.engine.resources.map((resource) => resource.type));
      for (const type of ['aws:rds/instance:Instance', 'aws:ecs/service:Service', 'aws:lb/loadBalancer:LoadBalancer']) {
        expect(types).toContain(type);
      }
      expect(stackOf(run)?.outputs).toMatchObject({
        repositoryUrl: expect.stringMatching(/\.dkr\.ecr\.eu-west-1\.amazonaws\.com\//),
        serviceUrl: stack === 'prod' ? 'https://api.example.com' : expect.stringMatching(/^http:\/\/.*\.elb\./),
      });
    },
  );

  it('has each component register every output it exposes', () => {
    const registered = Object.fromEntries(
      runs.prod.engine.resources
        .filter((resource) => resource.type.startsWith('rampart:'))
        .map((resource) => [resource.type, Object.keys(resource.outputs ?? {}).sort()]),
    );
    expect(registered).toEqual({
      'rampart:network:Network': [
        'databaseSecurityGroupId',
        'flowLogGroupName',
        'loadBalancerSecurityGroupId',
        'privateSubnetIds',
        'publicSubnetIds',
        'taskSecurityGroupId',
        'vpcId',
      ],
      'rampart:database:Database': ['address', 'appConnectArn', 'masterSecretArn', 'port'],
      'rampart:secrets:Secrets': ['jwtSecretArn'],
      'rampart:registry:Registry': ['repositoryArn', 'repositoryUrl'],
      'rampart:loadBalancer:LoadBalancer': ['accessLogBucket', 'arn', 'dnsName', 'targetGroupArn', 'url', 'webAclArn'],
      'rampart:service:Service': ['clusterName', 'logGroupName', 'serviceName', 'taskRoleArn'],
    });
  });

  it('protects the prod database in Pulumi, so no replacement can start from an empty one; dev stays destroyable', () => {
    const db = (stack: StackName) => runs[stack].engine.resources.find((r) => r.type === 'aws:rds/instance:Instance');
    expect(db('prod')).toMatchObject({ protect: true, ignoreChanges: ['allocatedStorage'] });
    expect(db('dev')).toMatchObject({ protect: false });
  });

  it('ran dist/server.js instead with the old `main: infra/` (the regression this guards)', async () => {
    const old = stageProject((text) => text.replace(/^main: .*$/m, 'main: infra/'));
    try {
      const run = await runWithPulumiRunner(old.root, 'dev', config('dev'));
      expect(run.code).not.toBe(0);
      expect(
        errorsOf(run)
          .map((log) => log.message)
          .join('\n'),
      ).toContain(API_SERVER_MARKER);
      expect(run.engine.resources.map((resource) => resource.type)).toEqual(['pulumi:pulumi:Stack']);
    } finally {
      old.remove();
    }
  }, 400_000);
});

describe('the policy pack under the policy runner (cmd/run-policy-pack)', () => {
  it('serves every Rampart policy under the version of its own package.json', async () => {
    const info = await new Promise<AnalyzerInfo>((resolve, reject) =>
      pack.analyzer.getAnalyzerInfo(new Empty(), (err, answer) => (err ? reject(err) : resolve(answer))),
    );
    const manifest = JSON.parse(readFileSync(path.join(POLICY_PACK, 'package.json'), 'utf8')) as { version: string };
    expect(info.getName()).toBe('rampart');
    expect(info.getVersion()).toBe(manifest.version);
    expect(
      info
        .getPoliciesList()
        .map((policy) => policy.getName())
        .sort(),
    ).toEqual(rampartPolicies.map((policy) => policy.name).sort());
  });

  it('finds no violation at all in the prod stack', async () => {
    expect(runs.prod.engine.resources.filter((resource) => resource.custom).length).toBeGreaterThan(40);
    expect(summary(await analyzeResources(pack.analyzer, runs.prod.engine.resources))).toEqual([]);
  });

  it('finds in the dev stack only the advisories docs/deploy-aws.md explains', async () => {
    const found = summary(await analyzeResources(pack.analyzer, runs.dev.engine.resources));
    expect(found).toEqual(
      [
        'advisory CKV_AWS_150 rampart-dev-api',
        'advisory CKV_AWS_157 rampart-dev-db',
        'advisory CKV_AWS_2 rampart-dev-api-http',
        'advisory CKV_AWS_293 rampart-dev-db',
        'advisory CKV_AWS_338 rampart-dev-api',
        'advisory CKV_AWS_338 rampart-dev-db-postgresql',
        'advisory CKV_AWS_338 rampart-dev-db-upgrade',
        'advisory CKV_AWS_338 rampart-dev-flow-logs',
      ].sort(),
    );
    const docs = readFileSync(path.join(ROOT, 'docs/deploy-aws.md'), 'utf8');
    const explained = /## Dev stack advisories\n([\s\S]*?)(?=\n## |$)/.exec(docs)?.[1] ?? '';
    for (const line of found) expect(explained).toContain(`\`${line.split(' ')[1]}\``);
  });

  it('reports a mandatory violation through the same API when a resource breaks a rule', async () => {
    const db = runs.prod.engine.resources.find((resource) => resource.type === 'aws:rds/instance:Instance')!;
    const exposed = { ...db, inputs: { ...db.inputs, publiclyAccessible: true } };
    expect(summary(await analyzeResources(pack.analyzer, [exposed]))).toEqual(['mandatory CKV_AWS_17 rampart-prod-db']);
  });

  it('does not start without the package.json of its own directory', async () => {
    const packCopy = path.join(staged.root, 'infra/policies-without-manifest');
    cpSync(POLICY_PACK, packCopy, { recursive: true });
    rmSync(path.join(packCopy, 'package.json'));
    await expect(startPolicyPack(packCopy, runs.dev.engine.address)).rejects.toThrow(
      `Cannot find module '${packCopy}/package.json'`,
    );
  }, 400_000);
});
