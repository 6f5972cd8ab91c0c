// Each CrossGuard policy against compliant resources and against resources that break exactly one of its checks.
import { PolicyPack } from '@pulumi/policy';
import { rampartPolicies } from '../policies/policies';
import type { Props } from '../policies/resourcePolicy';
import { violationsOf } from './policyHarness';
// The entry point, loaded with a stand-in for CrossGuard's PolicyPack (which would start serving the pack).
import '../policies/index';

jest.mock('@pulumi/policy', () => ({ PolicyPack: jest.fn() }));

interface FailCase {
  inputs: Props;
  /** Every `POLICY: message` the whole pack reports: the policy's own, plus overlaps no fixture can avoid. */
  violations: string[];
}

interface Fixture {
  /** The type tokens the policy covers; the cases use the first. */
  types: readonly string[];
  /** Compliant resources, including properties left out where AWS's default is the compliant value. */
  pass: Props[];
  fail: FailCase[];
}

// The type tokens each policy must cover, written out so a change to infra/policies/types.ts shows here.
const RDS_INSTANCE = ['aws:rds/instance:Instance'];
const RDS_PARAMETER_GROUP = ['aws:rds/parameterGroup:ParameterGroup'];
const LOAD_BALANCER = ['aws:lb/loadBalancer:LoadBalancer', 'aws:alb/loadBalancer:LoadBalancer'];
const LISTENER = ['aws:lb/listener:Listener', 'aws:alb/listener:Listener'];
const TARGET_GROUP = ['aws:lb/targetGroup:TargetGroup', 'aws:alb/targetGroup:TargetGroup'];
const ECR_REPOSITORY = ['aws:ecr/repository:Repository'];
const ECS_TASK_DEFINITION = ['aws:ecs/taskDefinition:TaskDefinition'];
const ECS_SERVICE = ['aws:ecs/service:Service'];
const ECS_CLUSTER = ['aws:ecs/cluster:Cluster'];
const LOG_GROUP = ['aws:cloudwatch/logGroup:LogGroup'];
const IAM_POLICY_DOCUMENT = ['aws:iam/rolePolicy:RolePolicy', 'aws:iam/policy:Policy'];
const SECURITY_GROUP = ['aws:ec2/securityGroup:SecurityGroup'];
const INGRESS_RULE = ['aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule'];
const EGRESS_RULE = ['aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule'];
const LEGACY_RULE = ['aws:ec2/securityGroupRule:SecurityGroupRule'];
const DEFAULT_SECURITY_GROUP = ['aws:ec2/defaultSecurityGroup:DefaultSecurityGroup'];
const SUBNET = ['aws:ec2/subnet:Subnet'];

/** Removes a property, as when a program leaves it out and AWS applies its default. */
const without = (props: Props, key: string): Props =>
  Object.fromEntries(Object.entries(props).filter(([k]) => k !== key));

// Fully compliant resources: every failing case changes one thing in one of them.
const RDS: Props = {
  engine: 'postgres',
  engineVersion: '16',
  storageType: 'gp3',
  storageEncrypted: true,
  publiclyAccessible: false,
  backupRetentionPeriod: 7,
  manageMasterUserPassword: true,
  enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
  performanceInsightsEnabled: true,
  monitoringInterval: 60,
  iamDatabaseAuthenticationEnabled: true,
  autoMinorVersionUpgrade: true,
  multiAz: true,
  deletionProtection: true,
  copyTagsToSnapshot: true,
};
const CONTAINER: Props = {
  name: 'api',
  user: '1000:1000',
  readonlyRootFilesystem: true,
  stopTimeout: 30,
  logConfiguration: { logDriver: 'awslogs' },
  environment: [
    { name: 'DATABASE_URL', value: 'postgres://rampart@db.internal:5432/rampart' },
    { name: 'DATABASE_PASSWORD_SECRET_ARN', value: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db' },
  ],
  secrets: [{ name: 'JWT_SECRET', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt' }],
};
const task = (container: Props, roles: Props = {}): Props => ({
  executionRoleArn: 'arn:aws:iam::123456789012:role/execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/task',
  containerDefinitions: JSON.stringify([container]),
  ...roles,
});
const SERVICE: Props = {
  networkConfiguration: { assignPublicIp: false },
  deploymentCircuitBreaker: { enable: true, rollback: true },
};
const ALB: Props = { loadBalancerType: 'application', dropInvalidHeaderFields: true, enableDeletionProtection: true };
const HTTPS_LISTENER: Props = { protocol: 'HTTPS', port: 443, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' };
const REDIRECT_LISTENER: Props = {
  protocol: 'HTTP',
  port: 80,
  defaultActions: [{ type: 'redirect', redirect: { protocol: 'HTTPS' } }],
};
const REPOSITORY: Props = { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: 'IMMUTABLE' };
const document = (...Statement: Props[]) => ({ policy: JSON.stringify({ Version: '2012-10-17', Statement }) });
const READ_SECRET = { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:secret'] };
const ingressRule = (port: number, extra: Props = {}): Props => ({
  ipProtocol: 'tcp',
  cidrIpv4: '0.0.0.0/0',
  fromPort: port,
  toPort: port,
  description: `port ${port}`,
  ...extra,
});
const inline = (fromPort: number, toPort: number, extra: Props = {}): Props => ({
  protocol: 'tcp',
  fromPort,
  toPort,
  cidrBlocks: ['0.0.0.0/0'],
  description: 'web',
  ...extra,
});
const GROUP: Props = { description: 'Rampart load balancer', ingress: [inline(443, 443)] };

/** A case the policy alone reports, with exactly this message. */
const only = (policy: string, inputs: Props, message: string): FailCase => ({
  inputs,
  violations: [`${policy}: ${message}`],
});
const rds = (policy: string, change: Props | string, message: string) =>
  only(policy, typeof change === 'string' ? without(RDS, change) : { ...RDS, ...change }, message);
const container = (policy: string, change: Props | string, message: string) =>
  only(
    policy,
    task(typeof change === 'string' ? without(CONTAINER, change) : { ...CONTAINER, ...change }),
    `container "api": ${message}`,
  );

const fixtures: Record<string, Fixture> = {
  CKV_AWS_16: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('CKV_AWS_16', { storageEncrypted: false }, 'storageEncrypted must be true'),
      rds('CKV_AWS_16', 'storageEncrypted', 'storageEncrypted must be true'),
    ],
  },
  CKV_AWS_17: {
    types: RDS_INSTANCE,
    pass: [RDS, without(RDS, 'publiclyAccessible')],
    fail: [rds('CKV_AWS_17', { publiclyAccessible: true }, 'publiclyAccessible must be false')],
  },
  CKV_AWS_133: {
    types: RDS_INSTANCE,
    pass: [RDS, { ...RDS, backupRetentionPeriod: 35 }],
    fail: [
      rds('CKV_AWS_133', { backupRetentionPeriod: 6 }, 'backupRetentionPeriod is 6; it must be at least 7'),
      rds('CKV_AWS_133', 'backupRetentionPeriod', 'backupRetentionPeriod is 0; it must be at least 7'),
    ],
  },
  CKV_AWS_129: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds(
        'CKV_AWS_129',
        { enabledCloudwatchLogsExports: ['upgrade'] },
        'enabledCloudwatchLogsExports must include "postgresql"',
      ),
      rds('CKV_AWS_129', 'enabledCloudwatchLogsExports', 'enabledCloudwatchLogsExports must include "postgresql"'),
    ],
  },
  CKV_AWS_353: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('CKV_AWS_353', { performanceInsightsEnabled: false }, 'performanceInsightsEnabled must be true'),
      rds('CKV_AWS_353', 'performanceInsightsEnabled', 'performanceInsightsEnabled must be true'),
    ],
  },
  CKV_AWS_118: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('CKV_AWS_118', { monitoringInterval: 0 }, 'monitoringInterval should be above 0'),
      rds('CKV_AWS_118', 'monitoringInterval', 'monitoringInterval should be above 0'),
    ],
  },
  CKV_AWS_161: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds(
        'CKV_AWS_161',
        { iamDatabaseAuthenticationEnabled: false },
        'iamDatabaseAuthenticationEnabled should be true',
      ),
      rds('CKV_AWS_161', 'iamDatabaseAuthenticationEnabled', 'iamDatabaseAuthenticationEnabled should be true'),
    ],
  },
  CKV_AWS_226: {
    types: RDS_INSTANCE,
    // AWS applies minor upgrades by default.
    pass: [RDS, without(RDS, 'autoMinorVersionUpgrade')],
    fail: [rds('CKV_AWS_226', { autoMinorVersionUpgrade: false }, 'autoMinorVersionUpgrade should not be false')],
  },
  CKV_AWS_157: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('CKV_AWS_157', { multiAz: false }, 'multiAz should be true outside dev stacks'),
      rds('CKV_AWS_157', 'multiAz', 'multiAz should be true outside dev stacks'),
    ],
  },
  CKV_AWS_293: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('CKV_AWS_293', { deletionProtection: false }, 'deletionProtection should be true outside dev stacks'),
      rds('CKV_AWS_293', 'deletionProtection', 'deletionProtection should be true outside dev stacks'),
    ],
  },
  CKV2_AWS_60: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('CKV2_AWS_60', { copyTagsToSnapshot: false }, 'copyTagsToSnapshot should be true'),
      rds('CKV2_AWS_60', 'copyTagsToSnapshot', 'copyTagsToSnapshot should be true'),
    ],
  },
  RAMPART_RDS_GP3: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('RAMPART_RDS_GP3', { storageType: 'gp2' }, 'storageType is gp2; it must be gp3'),
      rds('RAMPART_RDS_GP3', 'storageType', 'storageType is undefined; it must be gp3'),
    ],
  },
  RAMPART_RDS_POSTGRES_16: {
    types: RDS_INSTANCE,
    pass: [RDS, { ...RDS, engineVersion: '17.2' }],
    fail: [
      rds('RAMPART_RDS_POSTGRES_16', { engineVersion: '15.8' }, 'engineVersion is 15.8; it must be 16 or newer'),
      rds('RAMPART_RDS_POSTGRES_16', 'engineVersion', 'engineVersion is undefined; it must be 16 or newer'),
      rds('RAMPART_RDS_POSTGRES_16', { engine: 'mysql', engineVersion: '16' }, 'engine is mysql; it must be postgres'),
      rds('RAMPART_RDS_POSTGRES_16', 'engine', 'engine is undefined; it must be postgres'),
    ],
  },
  RAMPART_RDS_MANAGED_PASSWORD: {
    types: RDS_INSTANCE,
    pass: [RDS],
    fail: [
      rds('RAMPART_RDS_MANAGED_PASSWORD', { manageMasterUserPassword: false }, 'manageMasterUserPassword must be true'),
      rds('RAMPART_RDS_MANAGED_PASSWORD', 'manageMasterUserPassword', 'manageMasterUserPassword must be true'),
      rds(
        'RAMPART_RDS_MANAGED_PASSWORD',
        { password: 'hunter2hunter2' },
        'password must not be set: let RDS manage it',
      ),
    ],
  },
  CKV2_AWS_69: {
    types: RDS_PARAMETER_GROUP,
    pass: [
      { family: 'postgres16', parameters: [{ name: 'rds.force_ssl', value: '1' }] },
      { family: 'mysql8.0', parameters: [] },
      {
        family: 'postgres16',
        parameters: [
          { name: 'log_connections', value: '0' },
          { name: 'rds.force_ssl', value: '1' },
        ],
      },
    ],
    fail: [
      only(
        'CKV2_AWS_69',
        { family: 'postgres16', parameters: [{ name: 'rds.force_ssl', value: '0' }] },
        'parameters must set rds.force_ssl to 1',
      ),
      only('CKV2_AWS_69', { family: 'postgres17' }, 'parameters must set rds.force_ssl to 1'),
      only(
        'CKV2_AWS_69',
        { family: 'postgres16', parameters: [{ name: 'log_connections', value: '1' }] },
        'parameters must set rds.force_ssl to 1',
      ),
    ],
  },
  CKV_AWS_336: {
    types: ECS_TASK_DEFINITION,
    // Container definitions arrive as JSON text or, from some programs, as data.
    pass: [task(CONTAINER), { ...task(CONTAINER), containerDefinitions: [CONTAINER] }],
    fail: [
      container('CKV_AWS_336', { readonlyRootFilesystem: false }, 'readonlyRootFilesystem must be true'),
      container('CKV_AWS_336', 'readonlyRootFilesystem', 'readonlyRootFilesystem must be true'),
      only(
        'CKV_AWS_336',
        { ...task(CONTAINER), containerDefinitions: [{ ...CONTAINER, readonlyRootFilesystem: false }] },
        'container "api": readonlyRootFilesystem must be true',
      ),
    ],
  },
  CKV_AWS_334: {
    types: ECS_TASK_DEFINITION,
    pass: [task(CONTAINER), task({ ...CONTAINER, privileged: false })],
    fail: [container('CKV_AWS_334', { privileged: true }, 'privileged must not be true')],
  },
  RAMPART_ECS_NON_ROOT: {
    types: ECS_TASK_DEFINITION,
    pass: [task(CONTAINER), task({ ...CONTAINER, user: 'node' })],
    fail: [
      container('RAMPART_ECS_NON_ROOT', { user: '0:0' }, 'user is "0:0"; set a non-root user'),
      container('RAMPART_ECS_NON_ROOT', { user: 'root' }, 'user is "root"; set a non-root user'),
      container('RAMPART_ECS_NON_ROOT', 'user', 'user is undefined; set a non-root user'),
      container('RAMPART_ECS_NON_ROOT', { user: '' }, 'user is ""; set a non-root user'),
    ],
  },
  RAMPART_ECS_NO_PLAINTEXT_SECRETS: {
    types: ECS_TASK_DEFINITION,
    pass: [task(CONTAINER)],
    fail: [
      container(
        'RAMPART_ECS_NO_PLAINTEXT_SECRETS',
        { environment: [{ name: 'JWT_SECRET', value: 'x'.repeat(64) }] },
        'JWT_SECRET is set in environment; use secrets',
      ),
      container(
        'RAMPART_ECS_NO_PLAINTEXT_SECRETS',
        { environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG' }] },
        'AWS_SECRET_ACCESS_KEY is set in environment; use secrets',
      ),
      container(
        'RAMPART_ECS_NO_PLAINTEXT_SECRETS',
        { environment: [{ name: 'DATABASE_URL', value: 'postgres://rampart:hunter2@db.internal:5432/rampart' }] },
        'DATABASE_URL embeds a password',
      ),
    ],
  },
  RAMPART_ECS_STOP_TIMEOUT: {
    types: ECS_TASK_DEFINITION,
    // ECS waits 30 s by default.
    pass: [task(CONTAINER), task(without(CONTAINER, 'stopTimeout'))],
    fail: [container('RAMPART_ECS_STOP_TIMEOUT', { stopTimeout: 29 }, 'stopTimeout is 29; it must be at least 30')],
  },
  RAMPART_ECS_AWSLOGS: {
    types: ECS_TASK_DEFINITION,
    pass: [task(CONTAINER)],
    fail: [
      container('RAMPART_ECS_AWSLOGS', 'logConfiguration', 'logConfiguration.logDriver must be awslogs'),
      container(
        'RAMPART_ECS_AWSLOGS',
        { logConfiguration: { logDriver: 'splunk' } },
        'logConfiguration.logDriver must be awslogs',
      ),
    ],
  },
  CKV_AWS_249: {
    types: ECS_TASK_DEFINITION,
    pass: [task(CONTAINER), without(without(task(CONTAINER), 'taskRoleArn'), 'executionRoleArn')],
    fail: [
      only(
        'CKV_AWS_249',
        task(CONTAINER, { taskRoleArn: 'arn:aws:iam::123456789012:role/execution' }),
        'taskRoleArn must differ from executionRoleArn',
      ),
    ],
  },
  CKV_AWS_333: {
    types: ECS_SERVICE,
    pass: [SERVICE, without(SERVICE, 'networkConfiguration')],
    fail: [
      only(
        'CKV_AWS_333',
        { ...SERVICE, networkConfiguration: { assignPublicIp: true } },
        'networkConfiguration.assignPublicIp must be false',
      ),
    ],
  },
  RAMPART_ECS_CIRCUIT_BREAKER: {
    types: ECS_SERVICE,
    pass: [SERVICE],
    fail: [
      ...[{ enable: true, rollback: false }, { enable: false, rollback: true }, undefined].map((breaker) =>
        only(
          'RAMPART_ECS_CIRCUIT_BREAKER',
          { ...SERVICE, deploymentCircuitBreaker: breaker },
          'deploymentCircuitBreaker must have enable and rollback set to true',
        ),
      ),
    ],
  },
  CKV_AWS_65: {
    types: ECS_CLUSTER,
    pass: [
      { settings: [{ name: 'containerInsights', value: 'enabled' }] },
      { settings: [{ name: 'containerInsights', value: 'enhanced' }] },
      {
        settings: [
          { name: 'otherSetting', value: 'disabled' },
          { name: 'containerInsights', value: 'enabled' },
        ],
      },
    ],
    fail: [
      only(
        'CKV_AWS_65',
        { settings: [{ name: 'containerInsights', value: 'disabled' }] },
        'settings must enable containerInsights',
      ),
      only('CKV_AWS_65', {}, 'settings must enable containerInsights'),
      only(
        'CKV_AWS_65',
        { settings: [{ name: 'otherSetting', value: 'enabled' }] },
        'settings must enable containerInsights',
      ),
    ],
  },
  CKV_AWS_131: {
    types: LOAD_BALANCER,
    pass: [ALB, { ...without(ALB, 'dropInvalidHeaderFields'), loadBalancerType: 'network' }],
    fail: [
      only('CKV_AWS_131', { ...ALB, dropInvalidHeaderFields: false }, 'dropInvalidHeaderFields must be true'),
      only('CKV_AWS_131', without(ALB, 'dropInvalidHeaderFields'), 'dropInvalidHeaderFields must be true'),
      only(
        'CKV_AWS_131',
        without(without(ALB, 'dropInvalidHeaderFields'), 'loadBalancerType'),
        'dropInvalidHeaderFields must be true',
      ),
    ],
  },
  CKV_AWS_150: {
    types: LOAD_BALANCER,
    pass: [ALB],
    fail: [
      only(
        'CKV_AWS_150',
        { ...ALB, enableDeletionProtection: false },
        'enableDeletionProtection should be true outside dev stacks',
      ),
      only(
        'CKV_AWS_150',
        without(ALB, 'enableDeletionProtection'),
        'enableDeletionProtection should be true outside dev stacks',
      ),
    ],
  },
  CKV_AWS_103: {
    types: LISTENER,
    pass: [
      HTTPS_LISTENER,
      { ...HTTPS_LISTENER, sslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
      { protocol: 'TLS', port: 443, sslPolicy: 'ELBSecurityPolicy-FS-1-2-Res-2020-10' },
    ],
    fail: [
      only(
        'CKV_AWS_103',
        { ...HTTPS_LISTENER, sslPolicy: 'ELBSecurityPolicy-2016-08' },
        'sslPolicy ELBSecurityPolicy-2016-08 allows TLS below 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06',
      ),
      only(
        'CKV_AWS_103',
        without(HTTPS_LISTENER, 'sslPolicy'),
        'sslPolicy undefined allows TLS below 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06',
      ),
      only(
        'CKV_AWS_103',
        { protocol: 'TLS', port: 443, sslPolicy: 'ELBSecurityPolicy-2016-08' },
        'sslPolicy ELBSecurityPolicy-2016-08 allows TLS below 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06',
      ),
    ],
  },
  CKV_AWS_2: {
    types: LISTENER,
    pass: [REDIRECT_LISTENER, HTTPS_LISTENER],
    fail: [
      only(
        'CKV_AWS_2',
        { ...REDIRECT_LISTENER, defaultActions: [{ type: 'forward', targetGroupArn: 'arn' }] },
        'HTTP listeners should only redirect to HTTPS',
      ),
      only('CKV_AWS_2', without(REDIRECT_LISTENER, 'defaultActions'), 'HTTP listeners should only redirect to HTTPS'),
      only(
        'CKV_AWS_2',
        {
          ...REDIRECT_LISTENER,
          defaultActions: [...REDIRECT_LISTENER.defaultActions, { type: 'forward', targetGroupArn: 'arn' }],
        },
        'HTTP listeners should only redirect to HTTPS',
      ),
    ],
  },
  CKV_AWS_261: {
    types: TARGET_GROUP,
    pass: [{ protocol: 'HTTP', healthCheck: { path: '/api/health' } }, { protocol: 'TCP' }],
    fail: [
      only(
        'CKV_AWS_261',
        { protocol: 'HTTP', healthCheck: { enabled: false, path: '/api/health' } },
        'healthCheck.path must be set',
      ),
      only('CKV_AWS_261', { protocol: 'HTTP', healthCheck: { enabled: true } }, 'healthCheck.path must be set'),
      only('CKV_AWS_261', { protocol: 'HTTPS' }, 'healthCheck.path must be set'),
    ],
  },
  CKV_AWS_163: {
    types: ECR_REPOSITORY,
    pass: [REPOSITORY],
    fail: [
      only(
        'CKV_AWS_163',
        { ...REPOSITORY, imageScanningConfiguration: { scanOnPush: false } },
        'imageScanningConfiguration.scanOnPush must be true',
      ),
      only(
        'CKV_AWS_163',
        without(REPOSITORY, 'imageScanningConfiguration'),
        'imageScanningConfiguration.scanOnPush must be true',
      ),
    ],
  },
  CKV_AWS_51: {
    types: ECR_REPOSITORY,
    pass: [REPOSITORY, { ...REPOSITORY, imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' }],
    fail: [
      only('CKV_AWS_51', { ...REPOSITORY, imageTagMutability: 'MUTABLE' }, 'imageTagMutability must be IMMUTABLE'),
      only('CKV_AWS_51', without(REPOSITORY, 'imageTagMutability'), 'imageTagMutability must be IMMUTABLE'),
    ],
  },
  CKV_AWS_66: {
    types: LOG_GROUP,
    pass: [{ retentionInDays: 365 }],
    fail: [
      only('CKV_AWS_66', {}, 'retentionInDays must be set'),
      only('CKV_AWS_66', { retentionInDays: 0 }, 'retentionInDays must be set'),
    ],
  },
  CKV_AWS_338: {
    types: LOG_GROUP,
    pass: [{ retentionInDays: 365 }, { retentionInDays: 3653 }],
    fail: [only('CKV_AWS_338', { retentionInDays: 364 }, 'retentionInDays is 364; production should keep 365 or more')],
  },
  CKV_AWS_63: {
    types: IAM_POLICY_DOCUMENT,
    pass: [
      document(READ_SECRET),
      document({ Effect: 'Deny', Action: '*', Resource: ['arn:secret'] }),
      // No document (not known yet), and a document given as data rather than JSON text.
      {},
      { policy: { Version: '2012-10-17', Statement: READ_SECRET } },
    ],
    fail: [
      only(
        'CKV_AWS_63',
        document({ ...READ_SECRET, Action: ['secretsmanager:*'] }),
        'action secretsmanager:* is a wildcard',
      ),
      only('CKV_AWS_63', document({ ...READ_SECRET, Action: '*' }), 'action * is a wildcard'),
    ],
  },
  CKV_AWS_355: {
    types: IAM_POLICY_DOCUMENT,
    pass: [document(READ_SECRET), document({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' })],
    fail: [
      only(
        'CKV_AWS_355',
        document({ ...READ_SECRET, Resource: '*' }),
        'Resource "*" granted to secretsmanager:GetSecretValue',
      ),
      only(
        'CKV_AWS_355',
        document({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: ['*'] }),
        'Resource "*" granted to ecr:BatchGetImage',
      ),
      only(
        'CKV_AWS_355',
        document({ Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' }),
        'Resource "*" granted to ecr:BatchGetImage, ecr:GetDownloadUrlForLayer',
      ),
    ],
  },
  // SSH and RDP are not web ports either, so RAMPART_SG_PUBLIC_WEB_ONLY always reports them too.
  CKV_AWS_24: {
    types: [...INGRESS_RULE, ...SECURITY_GROUP, ...LEGACY_RULE],
    pass: [ingressRule(443), ingressRule(22, { cidrIpv4: '10.0.0.0/16' })],
    fail: [
      {
        inputs: ingressRule(22),
        violations: [
          'CKV_AWS_24: port 22 is open to the internet',
          'RAMPART_SG_PUBLIC_WEB_ONLY: ports 22-22/tcp are open to the internet',
        ],
      },
    ],
  },
  CKV_AWS_25: {
    types: [...SECURITY_GROUP, ...INGRESS_RULE, ...LEGACY_RULE],
    pass: [GROUP],
    fail: [
      {
        inputs: { ...GROUP, ingress: [inline(3000, 4000)] },
        violations: [
          'CKV_AWS_25: port 3389 is open to the internet',
          'RAMPART_SG_PUBLIC_WEB_ONLY: ports 3000-4000/tcp are open to the internet',
        ],
      },
    ],
  },
  RAMPART_SG_PUBLIC_WEB_ONLY: {
    types: [...INGRESS_RULE, ...SECURITY_GROUP, ...LEGACY_RULE],
    pass: [ingressRule(80), ingressRule(5432, { cidrIpv4: '10.0.0.0/16' })],
    fail: [
      only('RAMPART_SG_PUBLIC_WEB_ONLY', ingressRule(5432), 'ports 5432-5432/tcp are open to the internet'),
      only(
        'RAMPART_SG_PUBLIC_WEB_ONLY',
        ingressRule(443, { ipProtocol: 'udp' }),
        'ports 443-443/udp are open to the internet',
      ),
      only('RAMPART_SG_PUBLIC_WEB_ONLY', ingressRule(80, { toPort: 443 }), 'ports 80-443/tcp are open to the internet'),
    ],
  },
  CKV_AWS_23: {
    types: [...SECURITY_GROUP, ...INGRESS_RULE, ...EGRESS_RULE, ...LEGACY_RULE],
    pass: [GROUP, ingressRule(443)],
    fail: [
      only('CKV_AWS_23', without(GROUP, 'description'), 'description must be set'),
      only(
        'CKV_AWS_23',
        { ...GROUP, egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['10.0.0.0/16'] }] },
        'every inline rule must have a description',
      ),
      only('CKV_AWS_23', without(ingressRule(443), 'description'), 'description must be set'),
    ],
  },
  CKV2_AWS_12: {
    types: DEFAULT_SECURITY_GROUP,
    pass: [{ ingress: [], egress: [] }, {}],
    fail: [
      only(
        'CKV2_AWS_12',
        { ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, self: true }], egress: [] },
        'the default security group must have no ingress or egress rules',
      ),
      only(
        'CKV2_AWS_12',
        { ingress: [], egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] },
        'the default security group must have no ingress or egress rules',
      ),
    ],
  },
  CKV_AWS_130: {
    types: SUBNET,
    pass: [{ mapPublicIpOnLaunch: false }, {}],
    fail: [only('CKV_AWS_130', { mapPublicIpOnLaunch: true }, 'mapPublicIpOnLaunch must be false')],
  },
};

/** Every type token any policy covers, plus one none does. */
const ALL_TYPES = [
  ...new Set([...Object.values(fixtures).flatMap((fixture) => fixture.types), 'aws:s3/bucket:Bucket']),
];

/** What the whole pack reports for one resource, as `POLICY: message`. */
function packViolations(type: string, inputs: Props): string[] {
  return rampartPolicies.flatMap((policy) =>
    violationsOf(policy, { type, name: 'fixture', inputs }).map((message) => `${policy.name}: ${message}`),
  );
}

describe('policy pack', () => {
  it('has one fixture per policy and unique, Checkov-style names', () => {
    const names = rampartPolicies.map((policy) => policy.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(fixtures).sort());
    for (const name of names) expect(name).toMatch(/^(CKV2?_AWS_\d+|RAMPART_[A-Z0-9_]+)$/);
  });

  describe.each(rampartPolicies.map((policy) => [policy.name, policy] as const))('%s', (name, policy) => {
    const fixture = fixtures[name]!;
    const type = fixture.types[0]!;

    it('passes compliant resources, including ones that leave a property to its compliant AWS default', () => {
      for (const inputs of fixture.pass) expect(packViolations(type, inputs)).toEqual([]);
    });

    it('reports each broken check alone, by rule name and exact message', () => {
      expect(fixture.fail.length).toBeGreaterThan(0);
      for (const { inputs, violations } of fixture.fail) {
        expect(violations).toContainEqual(expect.stringMatching(new RegExp(`^${name}: `)));
        expect(packViolations(type, inputs)).toEqual(violations);
      }
    });

    it('inspects exactly the type tokens it covers, aliases included, and ignores every other type', () => {
      expect([...policy.resourceTypes].sort()).toEqual([...fixture.types].sort());
      const { inputs } = fixture.fail[0]!;
      for (const candidate of ALL_TYPES.filter((other) => !fixture.types.includes(other))) {
        const found = violationsOf(policy, { type: candidate, name: 'fixture', inputs });
        expect({ candidate, found }).toEqual({ candidate, found: [] });
      }
    });
  });
});

// The fixtures above use each policy's first type token; these cover the other ways of writing a rule.
describe('security group rules, however they are written', () => {
  const legacy = (extra: Props = {}): Props => ({
    type: 'ingress',
    protocol: 'tcp',
    fromPort: 22,
    toPort: 22,
    cidrBlocks: ['0.0.0.0/0'],
    description: 'ssh',
    ...extra,
  });
  const SSH_OPEN = ['CKV_AWS_24: port 22 is open to the internet'];
  const RDP_OPEN = ['CKV_AWS_25: port 3389 is open to the internet'];
  const cases: [string, string, Props, string[]][] = [
    [
      'a legacy ingress rule',
      LEGACY_RULE[0]!,
      legacy(),
      [...SSH_OPEN, 'RAMPART_SG_PUBLIC_WEB_ONLY: ports 22-22/tcp are open to the internet'],
    ],
    ['a legacy egress rule, which opens nothing', LEGACY_RULE[0]!, legacy({ type: 'egress' }), []],
    ['a legacy rule to a web port', LEGACY_RULE[0]!, legacy({ fromPort: 443, toPort: 443 }), []],
    ['a legacy rule to a private range', LEGACY_RULE[0]!, legacy({ cidrBlocks: ['10.0.0.0/16'] }), []],
    [
      'a legacy rule open over IPv6 only, next to a private IPv4 range',
      LEGACY_RULE[0]!,
      legacy({ fromPort: 3389, toPort: 3389, cidrBlocks: ['10.0.0.0/16'], ipv6CidrBlocks: ['::/0'] }),
      [...RDP_OPEN, 'RAMPART_SG_PUBLIC_WEB_ONLY: ports 3389-3389/tcp are open to the internet'],
    ],
    [
      'a legacy rule for every protocol, whatever its ports',
      LEGACY_RULE[0]!,
      legacy({ protocol: 'all', fromPort: 0, toPort: 0 }),
      [...SSH_OPEN, ...RDP_OPEN, 'RAMPART_SG_PUBLIC_WEB_ONLY: ports 0-0/all are open to the internet'],
    ],
    [
      'a legacy rule without a description',
      LEGACY_RULE[0]!,
      legacy({ cidrBlocks: ['10.0.0.0/16'], description: '' }),
      ['CKV_AWS_23: description must be set'],
    ],
    [
      'an inline rule for every protocol (-1), whatever its ports',
      SECURITY_GROUP[0]!,
      { ...GROUP, ingress: [inline(0, 0, { protocol: '-1' })] },
      [...SSH_OPEN, ...RDP_OPEN, 'RAMPART_SG_PUBLIC_WEB_ONLY: ports 0-0/-1 are open to the internet'],
    ],
    [
      'an inline rule open over IPv6',
      SECURITY_GROUP[0]!,
      { ...GROUP, ingress: [inline(22, 22, { cidrBlocks: [], ipv6CidrBlocks: ['::/0'] })] },
      [...SSH_OPEN, 'RAMPART_SG_PUBLIC_WEB_ONLY: ports 22-22/tcp are open to the internet'],
    ],
    [
      'a rule resource open over IPv6 only',
      INGRESS_RULE[0]!,
      ingressRule(5432, { cidrIpv4: undefined, cidrIpv6: '::/0' }),
      ['RAMPART_SG_PUBLIC_WEB_ONLY: ports 5432-5432/tcp are open to the internet'],
    ],
    [
      'a rule resource for every protocol, without ports (all of them)',
      INGRESS_RULE[0]!,
      without(without(ingressRule(0, { ipProtocol: '-1' }), 'fromPort'), 'toPort'),
      [...SSH_OPEN, ...RDP_OPEN, 'RAMPART_SG_PUBLIC_WEB_ONLY: ports 0-65535/-1 are open to the internet'],
    ],
    [
      'an egress rule resource with a description',
      EGRESS_RULE[0]!,
      { ipProtocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'out' },
      [],
    ],
    [
      'an egress rule resource without one',
      EGRESS_RULE[0]!,
      { ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' },
      ['CKV_AWS_23: description must be set'],
    ],
  ];

  it.each(cases)('%s (%s)', (_label, type, inputs, violations) => {
    expect(packViolations(type, inputs)).toEqual(violations);
  });
});

describe('policy pack entry point', () => {
  it('hands CrossGuard every policy, by name, description, enforcement level and check', () => {
    expect(PolicyPack).toHaveBeenCalledTimes(1);
    const [packName, args] = jest.mocked(PolicyPack).mock.calls[0] as [string, { policies: unknown[] }];
    expect(packName).toBe('rampart');
    expect(args.policies).toEqual(
      rampartPolicies.map(({ name, description, enforcementLevel, validateResource }) => ({
        name,
        description,
        enforcementLevel,
        validateResource,
      })),
    );
  });
});
