// Properties every stack must have, asserted on one mocked program run; stack files add their own differences.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { parseStackConfig } from '../config';
import { APP_PORT, CONTAINER_USER, HEALTH_CHECK_PATH, MIGRATE_COMMAND, SHUTDOWN_TIMEOUT_MS } from '../container';
import { ACCESS_LOG_PREFIX } from '../loadBalancer';
import { rampartPolicies } from '../policies/policies';
import { RELEASE_TAG_PREFIX } from '../registry';
import {
  ACCOUNT,
  ELB_ACCOUNT,
  MOCK_JWT_SECRET,
  ROOT,
  containersOf,
  stackSettings,
  statementsOf,
  unqualified,
  type CapturedResource,
  type ProgramRun,
} from './mockedProgram';
import { violationsOf } from './policyHarness';

const T = {
  vpc: 'aws:ec2/vpc:Vpc',
  subnet: 'aws:ec2/subnet:Subnet',
  routeTable: 'aws:ec2/routeTable:RouteTable',
  nat: 'aws:ec2/natGateway:NatGateway',
  securityGroup: 'aws:ec2/securityGroup:SecurityGroup',
  defaultSecurityGroup: 'aws:ec2/defaultSecurityGroup:DefaultSecurityGroup',
  ingress: 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule',
  egress: 'aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule',
  db: 'aws:rds/instance:Instance',
  dbSubnets: 'aws:rds/subnetGroup:SubnetGroup',
  dbParameters: 'aws:rds/parameterGroup:ParameterGroup',
  password: 'random:index/randomPassword:RandomPassword',
  secret: 'aws:secretsmanager/secret:Secret',
  secretVersion: 'aws:secretsmanager/secretVersion:SecretVersion',
  repository: 'aws:ecr/repository:Repository',
  logGroup: 'aws:cloudwatch/logGroup:LogGroup',
  role: 'aws:iam/role:Role',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  taskDefinition: 'aws:ecs/taskDefinition:TaskDefinition',
  cluster: 'aws:ecs/cluster:Cluster',
  service: 'aws:ecs/service:Service',
  loadBalancer: 'aws:lb/loadBalancer:LoadBalancer',
  targetGroup: 'aws:lb/targetGroup:TargetGroup',
  listener: 'aws:lb/listener:Listener',
  scalingTarget: 'aws:appautoscaling/target:Target',
  scalingPolicy: 'aws:appautoscaling/policy:Policy',
  flowLog: 'aws:ec2/flowLog:FlowLog',
  bucket: 'aws:s3/bucket:Bucket',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  bucketEncryption: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  bucketPublicAccess: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  bucketLifecycle: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
  webAcl: 'aws:wafv2/webAcl:WebAcl',
  webAclAssociation: 'aws:wafv2/webAclAssociation:WebAclAssociation',
  lifecyclePolicy: 'aws:ecr/lifecyclePolicy:LifecyclePolicy',
} as const;
export { T as types };

/** The mocks give every resource the id `<name>-id`. */
export const idOf = (resource: CapturedResource) => `${resource.name}-id`;

const byName = (run: ProgramRun, type: string, suffix: string) => {
  const found = run.ofType(type).find((resource) => resource.name.endsWith(suffix));
  if (!found) throw new Error(`no ${type} named *${suffix}`);
  return found;
};

export function describeStackInvariants(
  stack: string,
  overrides: Record<string, string>,
  getRun: () => ProgramRun,
): void {
  const config = parseStackConfig(stack, unqualified({ ...stackSettings(stack), ...overrides }));
  const settingsImage = config.image;
  const run = () => getRun();
  const containers = () => containersOf(run().one(T.taskDefinition));
  const container = (name: string) => {
    const found = containers().find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no container ${name}`);
    return found;
  };
  const groupId = (suffix: string) => idOf(byName(run(), T.securityGroup, suffix));
  const appLogGroup = () => byName(run(), T.logGroup, '-api');
  const environmentOf = (name: string): Record<string, string> =>
    Object.fromEntries(
      container(name).environment.map((variable: { name: string; value: string }) => [variable.name, variable.value]),
    );
  const dbSecretArn = () => (run().outputs.databasePasswordSecretArn as string) ?? '';
  const jwtSecretArn = () => (run().outputs.jwtSecretArn as string) ?? '';

  describe('network', () => {
    it('spreads public and private subnets over two zones, none assigning public IPs', () => {
      const subnets = run().ofType(T.subnet);
      for (const tier of ['public', 'private']) {
        const zones = subnets.filter((s) => s.inputs.tags.tier === tier).map((s) => s.inputs.availabilityZone);
        expect(new Set(zones).size).toBe(2);
      }
      expect(subnets.every((subnet) => subnet.inputs.mapPublicIpOnLaunch === false)).toBe(true);
    });

    it('routes private subnets to the internet only through NAT gateways', () => {
      const privateTables = run()
        .ofType(T.routeTable)
        .filter((table) => table.name.includes('-private-'));
      expect(privateTables).toHaveLength(2);
      for (const table of privateTables) {
        expect(table.inputs.routes).toEqual([{ cidrBlock: '0.0.0.0/0', natGatewayId: expect.stringMatching(/-id$/) }]);
      }
    });

    it('chains security groups internet -> ALB -> task port -> 5432 and allows nothing else in', () => {
      const [lb, task, db] = [groupId('-alb'), groupId('-task'), groupId('-db')];
      const ingress = run()
        .ofType(T.ingress)
        .map(({ inputs }) => [
          inputs.securityGroupId,
          inputs.referencedSecurityGroupId ?? inputs.cidrIpv4,
          inputs.fromPort,
        ]);
      const publicPorts = config.service.https ? [80, 443] : [80];
      expect(ingress.sort()).toEqual(
        [...publicPorts.map((port) => [lb, '0.0.0.0/0', port]), [task, lb, APP_PORT], [db, task, 5432]].sort(),
      );
      expect(
        run()
          .ofType(T.ingress)
          .every((rule) => rule.inputs.toPort === rule.inputs.fromPort),
      ).toBe(true);
    });

    it('lets the ALB reach only the task port and the tasks only PostgreSQL and HTTPS', () => {
      const [lb, task, db] = [groupId('-alb'), groupId('-task'), groupId('-db')];
      const egress = run()
        .ofType(T.egress)
        .map(({ inputs }) => [
          inputs.securityGroupId,
          inputs.referencedSecurityGroupId ?? inputs.cidrIpv4,
          inputs.fromPort,
        ]);
      expect(egress.sort()).toEqual(
        [
          [lb, task, APP_PORT],
          [task, db, 5432],
          [task, '0.0.0.0/0', 443],
        ].sort(),
      );
      for (const group of run().ofType(T.securityGroup)) {
        expect(group.inputs.ingress ?? []).toEqual([]);
        expect(group.inputs.egress ?? []).toEqual([]);
      }
    });

    it("empties the VPC's default security group", () => {
      expect(run().one(T.defaultSecurityGroup).inputs).toMatchObject({ ingress: [], egress: [] });
    });
  });

  describe('database', () => {
    it('is PostgreSQL 16+ on encrypted gp3, private, in the private subnets behind the db group', () => {
      const db = run().one(T.db).inputs;
      expect(db.engine).toBe('postgres');
      expect(Number(String(db.engineVersion).split('.')[0])).toBeGreaterThanOrEqual(16);
      expect(db).toMatchObject({ storageType: 'gp3', storageEncrypted: true, publiclyAccessible: false });
      expect(db.vpcSecurityGroupIds).toEqual([groupId('-db')]);
      const privateIds = run()
        .ofType(T.subnet)
        .filter((subnet) => subnet.inputs.tags.tier === 'private')
        .map(idOf);
      expect(run().one(T.dbSubnets).inputs.subnetIds.sort()).toEqual(privateIds.sort());
    });

    it('keeps backups for the configured days (at least 7), with Performance Insights and log exports', () => {
      const db = run().one(T.db).inputs;
      expect(db.backupRetentionPeriod).toBe(config.database.backupRetentionDays);
      expect(db.backupRetentionPeriod).toBeGreaterThanOrEqual(7);
      expect(db.performanceInsightsEnabled).toBe(true);
      expect(db.enabledCloudwatchLogsExports).toEqual(expect.arrayContaining(['postgresql', 'upgrade']));
      expect(db.instanceClass).toBe(config.database.instanceClass);
    });

    it('can take a major engine upgrade and autoscales storage to the configured ceiling', () => {
      const db = run().one(T.db).inputs;
      expect(db.allowMajorVersionUpgrade).toBe(true);
      expect(db).toMatchObject({
        allocatedStorage: config.database.allocatedStorageGb,
        maxAllocatedStorage: config.database.maxAllocatedStorageGb,
      });
      expect(db.maxAllocatedStorage).toBeGreaterThanOrEqual(Math.ceil((db.allocatedStorage * 11) / 10));
    });

    it('forces TLS through its parameter group', () => {
      const parameters = run().one(T.dbParameters).inputs;
      expect(parameters.family).toBe(`postgres${String(run().one(T.db).inputs.engineVersion).split('.')[0]}`);
      expect(parameters.parameters).toEqual(expect.arrayContaining([{ name: 'rds.force_ssl', value: '1' }]));
      expect(run().one(T.db).inputs.parameterGroupName).toBe(run().one(T.dbParameters).state.name);
    });

    it('lets RDS generate and rotate the master password: none in inputs, config or outputs', () => {
      const db = run().one(T.db).inputs;
      expect(db.manageMasterUserPassword).toBe(true);
      expect(db).not.toHaveProperty('password');
      expect(JSON.stringify(stackSettings(stack))).not.toMatch(/password/i);
      expect(dbSecretArn()).toMatch(/^arn:aws:secretsmanager:.*:secret:rds!db-/);
    });
  });

  describe('secrets', () => {
    it('generates a JWT secret of at least 48 characters into Secrets Manager', () => {
      expect(run().one(T.password).inputs.length).toBeGreaterThanOrEqual(48);
      const version = run().one(T.secretVersion).inputs;
      expect(version.secretString).toBe(MOCK_JWT_SECRET);
      expect(version.secretId).toBe(idOf(run().one(T.secret)));
    });

    it('never puts a secret value anywhere but the secret version: not in task definitions, roles or outputs', () => {
      const elsewhere = run().resources.filter((resource) => resource.type !== T.secretVersion);
      for (const resource of elsewhere) expect(JSON.stringify(resource.inputs)).not.toContain(MOCK_JWT_SECRET);
      expect(JSON.stringify(run().outputs)).not.toContain(MOCK_JWT_SECRET);
    });

    it('exports the secret ARNs, not their values', () => {
      expect(jwtSecretArn()).toMatch(/^arn:aws:secretsmanager:.*:secret:rampart-/);
      expect(run().outputs.databaseEndpoint).toMatch(/\.rds\.amazonaws\.com$/);
    });
  });

  describe('least-privilege IAM', () => {
    const policyOf = (suffix: string) => statementsOf(byName(run(), T.rolePolicy, suffix));

    it('lets the execution role pull from its repository, write its log group and read only the JWT secret', () => {
      const statements = policyOf('-execution');
      const repositoryArn = run().one(T.repository).state.arn;
      const logGroupArn = appLogGroup().state.arn;
      expect(statements).toEqual([
        { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Resource: repositoryArn,
        },
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${logGroupArn}:log-stream:*`,
        },
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [jwtSecretArn()] },
      ]);
    });

    it('lets the task role read the master secret (for migrate) and connect by IAM as the app user only', () => {
      const resourceId = run().one(T.db).state.resourceId as string;
      expect(policyOf('-task')).toEqual([
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [dbSecretArn()] },
        {
          Effect: 'Allow',
          Action: ['rds-db:connect'],
          Resource: `arn:aws:rds-db:${config.region}:${ACCOUNT}:dbuser:${resourceId}/rampart_app`,
        },
      ]);
    });

    it('gives ECS and the app different roles, both assumable only by ECS tasks', () => {
      const definition = run().one(T.taskDefinition).inputs;
      expect(definition.executionRoleArn).not.toBe(definition.taskRoleArn);
      for (const suffix of ['-execution', '-task']) {
        const role = byName(run(), T.role, suffix);
        expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } },
        ]);
        expect([definition.executionRoleArn, definition.taskRoleArn]).toContain(role.state.arn);
      }
    });
  });

  describe('task definition', () => {
    it('runs the configured image on Fargate with the configured size', () => {
      const definition = run().one(T.taskDefinition).inputs;
      expect(definition).toMatchObject({
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: String(config.service.cpu),
        memory: String(config.service.memory),
      });
      for (const candidate of containers()) expect(candidate.image).toBe(settingsImage);
    });

    it('runs every container as a non-root user on a read-only root filesystem, unprivileged', () => {
      for (const candidate of containers()) {
        expect(candidate).toMatchObject({ user: CONTAINER_USER, readonlyRootFilesystem: true });
        // Fargate has no privileged mode; the task definition must not ask for it.
        expect(candidate).not.toHaveProperty('privileged');
      }
    });

    it('gives the app longer than its own shutdown grace before SIGKILL', () => {
      for (const candidate of containers()) {
        expect(candidate.stopTimeout * 1000).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS);
      }
      expect(container('api').environment).toContainEqual({
        name: 'SHUTDOWN_TIMEOUT_MS',
        value: String(SHUTDOWN_TIMEOUT_MS),
      });
    });

    it('migrates with `npm run db:migrate` before the API container starts', () => {
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect(container('migrate')).toMatchObject({ essential: false, command: MIGRATE_COMMAND });
      expect(MIGRATE_COMMAND.join(' ')).toBe(pkg.scripts['db:migrate']);
      expect(container('api')).toMatchObject({
        essential: true,
        dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }],
        portMappings: [{ containerPort: APP_PORT, protocol: 'tcp' }],
      });
    });

    it('passes JWT_SECRET to the API alone, through ECS secrets; migrate gets no secret at all', () => {
      expect(container('api').secrets).toEqual([{ name: 'JWT_SECRET', valueFrom: jwtSecretArn() }]);
      expect(container('migrate').secrets).toEqual([]);
      for (const candidate of containers()) {
        const names = candidate.environment.map((variable: { name: string }) => variable.name);
        expect(names.filter((name: string) => /SECRET|PASSWORD|JWT/.test(name))).toEqual(
          candidate.name === 'migrate'
            ? ['DATABASE_PASSWORD_SECRET_ARN']
            : ['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_EXPIRES_IN'],
        );
      }
    });

    it('connects the API as its own user with IAM tokens over verified TLS, holding no password', () => {
      const env = environmentOf('api');
      const url = new URL(env.DATABASE_URL!);
      expect({ user: url.username, password: url.password }).toEqual({ user: 'rampart_app', password: '' });
      expect(url.hostname).toBe(run().outputs.databaseEndpoint);
      expect(url.searchParams.get('sslmode')).toBe('verify-full');
      expect(env.DATABASE_IAM_AUTH_REGION).toBe(config.region);
      expect(env).not.toHaveProperty('DATABASE_PASSWORD_SECRET_ARN');
    });

    it('migrates as the schema owner with the rotating master secret, and creates the API role', () => {
      const env = environmentOf('migrate');
      const url = new URL(env.DATABASE_URL!);
      expect({ user: url.username, password: url.password }).toEqual({ user: 'rampart', password: '' });
      expect(url.searchParams.get('sslmode')).toBe('verify-full');
      expect(env).toMatchObject({ DATABASE_PASSWORD_SECRET_ARN: dbSecretArn(), DATABASE_APP_ROLE: 'rampart_app' });
    });

    it("sets environments the app's own config loader accepts as production: API as server, migrate as a command", () => {
      const api = loadConfig({ ...environmentOf('api'), JWT_SECRET: MOCK_JWT_SECRET });
      expect(api).toMatchObject({ isProduction: true, port: APP_PORT, shutdownTimeoutMs: SHUTDOWN_TIMEOUT_MS });
      expect(api.database).toMatchObject({ iamAuthRegion: config.region, passwordSecretArn: undefined });
      const migrate = loadConfig(environmentOf('migrate'), 'databaseCommand');
      expect(migrate.database).toMatchObject({ passwordSecretArn: dbSecretArn(), appRole: 'rampart_app' });
      expect(() => loadConfig(environmentOf('migrate'))).toThrow('JWT_SECRET is required');
    });

    it('logs through awslogs to a log group with the configured retention', () => {
      const logGroup = appLogGroup().inputs;
      expect(logGroup.retentionInDays).toBe(config.service.logRetentionDays);
      for (const candidate of containers()) {
        expect(candidate.logConfiguration).toEqual({
          logDriver: 'awslogs',
          options: {
            'awslogs-group': logGroup.name,
            'awslogs-region': config.region,
            'awslogs-stream-prefix': candidate.name,
          },
        });
      }
    });
  });

  describe('service', () => {
    it('runs in the private subnets without public IPs, behind the task security group', () => {
      const service = run().one(T.service).inputs;
      const privateIds = run()
        .ofType(T.subnet)
        .filter((subnet) => subnet.inputs.tags.tier === 'private')
        .map(idOf);
      expect(service.launchType).toBe('FARGATE');
      expect(service.networkConfiguration.subnets.sort()).toEqual(privateIds.sort());
      expect(service.networkConfiguration).toMatchObject({ assignPublicIp: false, securityGroups: [groupId('-task')] });
    });

    it('rolls a failed deployment back through the circuit breaker and waits for steady state', () => {
      expect(run().one(T.service).inputs).toMatchObject({
        deploymentCircuitBreaker: { enable: true, rollback: true },
        waitForSteadyState: true,
      });
    });

    it('scales between the configured bounds on average CPU', () => {
      const target = run().one(T.scalingTarget).inputs;
      expect(target).toMatchObject({
        minCapacity: config.service.minTasks,
        maxCapacity: config.service.maxTasks,
        scalableDimension: 'ecs:service:DesiredCount',
      });
      expect(target.resourceId).toBe(
        `service/${String(run().outputs.clusterName)}/${String(run().outputs.serviceName)}`,
      );
      expect(run().one(T.scalingPolicy).inputs).toMatchObject({
        policyType: 'TargetTrackingScaling',
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          targetValue: config.service.cpuTargetPercent,
        },
      });
      expect(run().one(T.service).inputs.desiredCount).toBe(config.service.minTasks);
    });

    it('runs on a cluster with Container Insights', () => {
      expect(run().one(T.cluster).inputs.settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    });

    it('pulls from a repository that scans on push and refuses to move tags', () => {
      expect(run().one(T.repository).inputs).toMatchObject({
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
      });
      expect(run().outputs.repositoryUrl).toMatch(/\.dkr\.ecr\..*\.amazonaws\.com\//);
    });
  });

  describe('load balancer', () => {
    it('is public in the public subnets and drops invalid header fields', () => {
      const lb = run().one(T.loadBalancer).inputs;
      const publicIds = run()
        .ofType(T.subnet)
        .filter((subnet) => subnet.inputs.tags.tier === 'public')
        .map(idOf);
      expect(lb).toMatchObject({ internal: false, dropInvalidHeaderFields: true, securityGroups: [groupId('-alb')] });
      expect(lb.subnets.sort()).toEqual(publicIds.sort());
    });

    it('health-checks targets on the liveness endpoint, which needs no database', () => {
      expect(run().one(T.targetGroup).inputs).toMatchObject({
        port: APP_PORT,
        targetType: 'ip',
        healthCheck: { path: HEALTH_CHECK_PATH, matcher: '200' },
      });
      expect(run().one(T.service).inputs.loadBalancers).toEqual([
        { targetGroupArn: expect.any(String), containerName: 'api', containerPort: APP_PORT },
      ]);
    });
  });

  describe('audit trail', () => {
    it('logs every VPC flow to CloudWatch Logs with the configured retention', () => {
      const flowLog = run().one(T.flowLog).inputs;
      const group = byName(run(), T.logGroup, '-flow-logs');
      expect(flowLog).toMatchObject({
        vpcId: idOf(run().one(T.vpc)),
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logDestination: group.state.arn,
        iamRoleArn: byName(run(), T.role, '-flow-logs').state.arn,
      });
      expect(group.inputs.retentionInDays).toBe(config.service.logRetentionDays);
      expect(JSON.parse(byName(run(), T.role, '-flow-logs').inputs.assumeRolePolicy).Statement).toEqual([
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'vpc-flow-logs.amazonaws.com' } },
      ]);
    });

    it('pre-creates the RDS log groups, named by the explicit DB identifier, with retention', () => {
      const db = run().one(T.db);
      expect(db.inputs.identifier).toBe(db.name);
      for (const log of db.inputs.enabledCloudwatchLogsExports as string[]) {
        const group = byName(run(), T.logGroup, `-db-${log}`).inputs;
        expect(group).toEqual({
          name: `/aws/rds/instance/${db.inputs.identifier}/${log}`,
          retentionInDays: config.service.logRetentionDays,
        });
      }
    });

    it('writes ALB access logs to a private, encrypted bucket only ELB log delivery may write, expiring old logs', () => {
      const bucket = run().one(T.bucket);
      expect(run().one(T.loadBalancer).inputs.accessLogs).toEqual({
        bucket: bucket.state.bucket,
        prefix: ACCESS_LOG_PREFIX,
        enabled: true,
      });
      const bucketId = idOf(bucket);
      expect(run().one(T.bucketPublicAccess).inputs).toEqual({
        bucket: bucketId,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(run().one(T.bucketEncryption).inputs.rules).toEqual([
        { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ]);
      expect(run().one(T.bucketLifecycle).inputs.rules).toEqual([
        expect.objectContaining({
          status: 'Enabled',
          filter: { prefix: `${ACCESS_LOG_PREFIX}/` },
          expiration: { days: config.service.logRetentionDays },
        }),
      ]);
      const statements = JSON.parse(run().one(T.bucketPolicy).inputs.policy).Statement;
      expect(statements).toEqual([
        {
          Sid: 'ElbLogDelivery',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ELB_ACCOUNT}:root` },
          Action: 's3:PutObject',
          Resource: `${bucket.state.arn}/${ACCESS_LOG_PREFIX}/AWSLogs/${ACCOUNT}/*`,
        },
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]);
    });

    it('never lets the ECR lifecycle select a release tag or any tag at all, so a deployed digest stays', () => {
      const rules = JSON.parse(run().one(T.lifecyclePolicy).inputs.policy).rules as {
        selection: { tagStatus: string; tagPrefixList?: string[] };
      }[];
      expect(rules.length).toBeGreaterThan(0);
      for (const { selection } of rules) {
        expect(selection.tagStatus).not.toBe('any');
        if (selection.tagStatus === 'tagged') {
          expect(selection.tagPrefixList?.length).toBeGreaterThan(0);
          for (const prefix of selection.tagPrefixList ?? []) {
            expect(RELEASE_TAG_PREFIX.startsWith(prefix) || prefix.startsWith(RELEASE_TAG_PREFIX)).toBe(false);
          }
        }
      }
      expect(rules.map(({ selection }) => selection.tagStatus)).toEqual(['untagged', 'tagged']);
    });
  });

  describe('policy pack', () => {
    it('passes every mandatory policy on every resource', () => {
      const mandatory = rampartPolicies.filter((policy) => policy.enforcementLevel === 'mandatory');
      const violations = run().resources.flatMap((resource) =>
        mandatory.flatMap((policy) =>
          violationsOf(policy, resource).map((v) => `${policy.name} ${resource.name}: ${v}`),
        ),
      );
      expect(violations).toEqual([]);
    });
  });
}

/** Advisory findings for the whole run, as `POLICY resource` strings. */
export function advisoryFindings(run: ProgramRun): string[] {
  const advisory = rampartPolicies.filter((policy) => policy.enforcementLevel === 'advisory');
  return run.resources
    .flatMap((resource) =>
      advisory
        .filter((policy) => violationsOf(policy, resource).length > 0)
        .map((policy) => `${policy.name} ${resource.name}`),
    )
    .sort();
}
