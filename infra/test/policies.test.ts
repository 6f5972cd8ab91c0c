// Each CrossGuard policy against a resource that passes it and one that fails it.
import { rampartPolicies } from '../policies/policies';
import type { Props } from '../policies/resourcePolicy';
import { violationsOf } from './policyHarness';

interface Fixture {
  type: string;
  pass: Props;
  fail: Props;
}

const RDS = 'aws:rds/instance:Instance';
const TASK = 'aws:ecs/taskDefinition:TaskDefinition';
const LISTENER = 'aws:lb/listener:Listener';
const ROLE_POLICY = 'aws:iam/rolePolicy:RolePolicy';
const INGRESS = 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule';
const SG = 'aws:ec2/securityGroup:SecurityGroup';

const rds = (props: Props): Props => ({
  engine: 'postgres',
  engineVersion: '16',
  storageType: 'gp3',
  storageEncrypted: true,
  publiclyAccessible: false,
  backupRetentionPeriod: 7,
  manageMasterUserPassword: true,
  ...props,
});
const task = (container: Props): Props => ({
  executionRoleArn: 'arn:aws:iam::123456789012:role/execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/task',
  containerDefinitions: JSON.stringify([
    {
      name: 'api',
      user: '1000:1000',
      readonlyRootFilesystem: true,
      stopTimeout: 30,
      logConfiguration: { logDriver: 'awslogs' },
      environment: [{ name: 'DATABASE_URL', value: 'postgres://rampart@db.internal:5432/rampart' }],
      ...container,
    },
  ]),
});
const document = (...Statement: Props[]) => ({ policy: JSON.stringify({ Version: '2012-10-17', Statement }) });
const publicIngress = (port: number) => ({ ipProtocol: 'tcp', cidrIpv4: '0.0.0.0/0', fromPort: port, toPort: port });

const fixtures: Record<string, Fixture> = {
  CKV_AWS_16: { type: RDS, pass: rds({}), fail: rds({ storageEncrypted: false }) },
  CKV_AWS_17: { type: RDS, pass: rds({}), fail: rds({ publiclyAccessible: true }) },
  CKV_AWS_133: { type: RDS, pass: rds({ backupRetentionPeriod: 14 }), fail: rds({ backupRetentionPeriod: 1 }) },
  CKV_AWS_129: {
    type: RDS,
    pass: rds({ enabledCloudwatchLogsExports: ['postgresql', 'upgrade'] }),
    fail: rds({ enabledCloudwatchLogsExports: ['upgrade'] }),
  },
  CKV_AWS_353: { type: RDS, pass: rds({ performanceInsightsEnabled: true }), fail: rds({}) },
  CKV_AWS_118: { type: RDS, pass: rds({ monitoringInterval: 60 }), fail: rds({ monitoringInterval: 0 }) },
  CKV_AWS_161: { type: RDS, pass: rds({ iamDatabaseAuthenticationEnabled: true }), fail: rds({}) },
  CKV_AWS_226: {
    type: RDS,
    pass: rds({ autoMinorVersionUpgrade: true }),
    fail: rds({ autoMinorVersionUpgrade: false }),
  },
  CKV_AWS_157: { type: RDS, pass: rds({ multiAz: true }), fail: rds({ multiAz: false }) },
  CKV_AWS_293: { type: RDS, pass: rds({ deletionProtection: true }), fail: rds({ deletionProtection: false }) },
  CKV2_AWS_60: { type: RDS, pass: rds({ copyTagsToSnapshot: true }), fail: rds({}) },
  RAMPART_RDS_GP3: { type: RDS, pass: rds({}), fail: rds({ storageType: 'gp2' }) },
  RAMPART_RDS_POSTGRES_16: { type: RDS, pass: rds({ engineVersion: '17.2' }), fail: rds({ engineVersion: '15.8' }) },
  RAMPART_RDS_MANAGED_PASSWORD: {
    type: RDS,
    pass: rds({}),
    fail: rds({ manageMasterUserPassword: false, password: 'hunter2hunter2' }),
  },
  CKV2_AWS_69: {
    type: 'aws:rds/parameterGroup:ParameterGroup',
    pass: { family: 'postgres16', parameters: [{ name: 'rds.force_ssl', value: '1' }] },
    fail: { family: 'postgres16', parameters: [{ name: 'rds.force_ssl', value: '0' }] },
  },
  CKV_AWS_336: { type: TASK, pass: task({}), fail: task({ readonlyRootFilesystem: false }) },
  CKV_AWS_334: { type: TASK, pass: task({ privileged: false }), fail: task({ privileged: true }) },
  RAMPART_ECS_NON_ROOT: { type: TASK, pass: task({ user: 'node' }), fail: task({ user: '0:0' }) },
  RAMPART_ECS_NO_PLAINTEXT_SECRETS: {
    type: TASK,
    pass: task({ secrets: [{ name: 'JWT_SECRET', valueFrom: 'arn:aws:secretsmanager:eu-west-1:1:secret:jwt' }] }),
    fail: task({
      environment: [
        { name: 'JWT_SECRET', value: 'x'.repeat(64) },
        { name: 'DATABASE_URL', value: 'postgres://rampart:hunter2@db.internal:5432/rampart' },
      ],
    }),
  },
  RAMPART_ECS_STOP_TIMEOUT: { type: TASK, pass: task({ stopTimeout: 45 }), fail: task({ stopTimeout: 10 }) },
  RAMPART_ECS_AWSLOGS: { type: TASK, pass: task({}), fail: task({ logConfiguration: undefined }) },
  CKV_AWS_249: {
    type: TASK,
    pass: task({}),
    fail: { ...task({}), taskRoleArn: 'arn:aws:iam::123456789012:role/execution' },
  },
  CKV_AWS_333: {
    type: 'aws:ecs/service:Service',
    pass: { networkConfiguration: { assignPublicIp: false } },
    fail: { networkConfiguration: { assignPublicIp: true } },
  },
  RAMPART_ECS_CIRCUIT_BREAKER: {
    type: 'aws:ecs/service:Service',
    pass: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    fail: { deploymentCircuitBreaker: { enable: true, rollback: false } },
  },
  CKV_AWS_65: {
    type: 'aws:ecs/cluster:Cluster',
    pass: { settings: [{ name: 'containerInsights', value: 'enabled' }] },
    fail: { settings: [{ name: 'containerInsights', value: 'disabled' }] },
  },
  CKV_AWS_131: {
    type: 'aws:lb/loadBalancer:LoadBalancer',
    pass: { loadBalancerType: 'application', dropInvalidHeaderFields: true },
    fail: { loadBalancerType: 'application' },
  },
  CKV_AWS_150: {
    type: 'aws:lb/loadBalancer:LoadBalancer',
    pass: { enableDeletionProtection: true },
    fail: { enableDeletionProtection: false },
  },
  CKV_AWS_103: {
    type: LISTENER,
    pass: { protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
    fail: { protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-2016-08' },
  },
  CKV_AWS_2: {
    type: LISTENER,
    pass: { protocol: 'HTTP', port: 80, defaultActions: [{ type: 'redirect', redirect: { protocol: 'HTTPS' } }] },
    fail: { protocol: 'HTTP', port: 80, defaultActions: [{ type: 'forward', targetGroupArn: 'arn' }] },
  },
  CKV_AWS_261: {
    type: 'aws:lb/targetGroup:TargetGroup',
    pass: { protocol: 'HTTP', healthCheck: { path: '/api/health' } },
    fail: { protocol: 'HTTP', healthCheck: { enabled: false } },
  },
  CKV_AWS_163: {
    type: 'aws:ecr/repository:Repository',
    pass: { imageScanningConfiguration: { scanOnPush: true } },
    fail: { imageScanningConfiguration: { scanOnPush: false } },
  },
  CKV_AWS_51: {
    type: 'aws:ecr/repository:Repository',
    pass: { imageTagMutability: 'IMMUTABLE' },
    fail: { imageTagMutability: 'MUTABLE' },
  },
  CKV_AWS_66: { type: 'aws:cloudwatch/logGroup:LogGroup', pass: { retentionInDays: 30 }, fail: {} },
  CKV_AWS_338: {
    type: 'aws:cloudwatch/logGroup:LogGroup',
    pass: { retentionInDays: 365 },
    fail: { retentionInDays: 30 },
  },
  CKV_AWS_63: {
    type: ROLE_POLICY,
    pass: document({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:secret'] }),
    fail: document({ Effect: 'Allow', Action: ['secretsmanager:*'], Resource: ['arn:secret'] }),
  },
  CKV_AWS_355: {
    type: ROLE_POLICY,
    pass: document({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
    fail: document({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: '*' }),
  },
  CKV_AWS_24: { type: INGRESS, pass: publicIngress(443), fail: publicIngress(22) },
  CKV_AWS_25: {
    type: SG,
    pass: { description: 'web', ingress: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrBlocks: ['0.0.0.0/0'] }] },
    fail: {
      description: 'rdp',
      ingress: [{ protocol: 'tcp', fromPort: 3000, toPort: 4000, cidrBlocks: ['0.0.0.0/0'] }],
    },
  },
  RAMPART_SG_PUBLIC_WEB_ONLY: {
    type: INGRESS,
    pass: { ...publicIngress(80) },
    fail: { ...publicIngress(5432) },
  },
  CKV_AWS_23: {
    type: SG,
    pass: { description: 'Rampart tasks' },
    fail: {
      description: 'Rampart tasks',
      egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }],
    },
  },
  CKV2_AWS_12: {
    type: 'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup',
    pass: { ingress: [], egress: [] },
    fail: { ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, self: true }], egress: [] },
  },
  CKV_AWS_130: {
    type: 'aws:ec2/subnet:Subnet',
    pass: { mapPublicIpOnLaunch: false },
    fail: { mapPublicIpOnLaunch: true },
  },
};

describe('policy pack', () => {
  it('has one fixture per policy and unique, Checkov-style names', () => {
    const names = rampartPolicies.map((policy) => policy.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(fixtures).sort());
    for (const name of names) expect(name).toMatch(/^(CKV2?_AWS_\d+|RAMPART_[A-Z0-9_]+)$/);
  });

  describe.each(rampartPolicies.map((policy) => [policy.name, policy] as const))('%s', (name, policy) => {
    const fixture = fixtures[name]!;

    it(`passes a compliant ${fixture.type.split(':').pop()}`, () => {
      expect(violationsOf(policy, { type: fixture.type, name: 'compliant', inputs: fixture.pass })).toEqual([]);
    });

    it('reports a violating one', () => {
      expect(violationsOf(policy, { type: fixture.type, name: 'violating', inputs: fixture.fail })).not.toEqual([]);
    });

    it('ignores resource types it does not cover', () => {
      const other = { type: 'aws:s3/bucket:Bucket', name: 'unrelated', inputs: fixture.fail };
      expect(violationsOf(policy, other)).toEqual([]);
    });
  });

  it('names the offending container and variable', () => {
    const policy = rampartPolicies.find((candidate) => candidate.name === 'RAMPART_ECS_NO_PLAINTEXT_SECRETS')!;
    const { type, fail } = fixtures.RAMPART_ECS_NO_PLAINTEXT_SECRETS!;
    expect(violationsOf(policy, { type, name: 'task', inputs: fail })).toEqual([
      'container "api": JWT_SECRET is set in environment; use secrets',
      'container "api": DATABASE_URL embeds a password',
    ]);
  });
});
