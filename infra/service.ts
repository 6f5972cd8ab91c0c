// The API on ECS Fargate behind an ALB: migrations before serving, least-privilege roles, rollback and autoscaling.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  APP_PORT,
  CONTAINER_USER,
  HEALTH_CHECK_PATH,
  MIGRATE_COMMAND,
  SCRATCH_PATH,
  STOP_TIMEOUT_SECONDS,
} from './container';

/** Forward secrecy, TLS 1.3 with 1.2 for older clients (CKV_AWS_103). */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const API_CONTAINER = 'api';
const MIGRATE_CONTAINER = 'migrate';

export interface ServiceArgs {
  region: string;
  vpcId: pulumi.Input<string>;
  publicSubnetIds: pulumi.Input<string>[];
  privateSubnetIds: pulumi.Input<string>[];
  loadBalancerSecurityGroupId: pulumi.Input<string>;
  taskSecurityGroupId: pulumi.Input<string>;
  /** Pinned by digest (repo@sha256:...), so a deploy is exactly the image CI built and scanned. */
  image: string;
  /** The repository the execution role may pull from. */
  repositoryArn: pulumi.Input<string>;
  cpu: number;
  memory: number;
  architecture: 'X86_64' | 'ARM64';
  minTasks: number;
  maxTasks: number;
  cpuTargetPercent: number;
  logRetentionDays: number;
  /** With a certificate the ALB serves HTTPS and port 80 only redirects. */
  certificateArn: pulumi.Input<string> | undefined;
  /** The name the certificate covers, used for the service URL. */
  domainName: string | undefined;
  /** When set (with domainName), an alias record points the name at the load balancer. */
  hostedZoneId: string | undefined;
  deletionProtection: boolean;
  /** Plain settings; never secret values. */
  environment: Record<string, pulumi.Input<string>>;
  /** Env var name -> Secrets Manager ARN; ECS resolves them at start with the execution role. */
  secrets: Record<string, pulumi.Input<string>>;
  /** Secrets the running app reads itself (the rotating database password), with the task role. */
  runtimeSecretArns: pulumi.Input<string>[];
}

const assumedByEcsTasks = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
});

export class Service extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  readonly loadBalancerDnsName: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:service:Service', name, {}, opts);
    const parent = { parent: this };
    const https = args.certificateArn !== undefined;

    const logGroup = new aws.cloudwatch.LogGroup(
      name,
      { name: `/ecs/${name}`, retentionInDays: args.logRetentionDays },
      parent,
    );

    // Used by ECS itself before the app starts: pull the image, write logs, resolve `secrets`.
    const executionRole = new aws.iam.Role(`${name}-execution`, { assumeRolePolicy: assumedByEcsTasks }, parent);
    new aws.iam.RolePolicy(
      `${name}-execution`,
      {
        role: executionRole.id,
        policy: pulumi.jsonStringify({
          Version: '2012-10-17',
          Statement: [
            // GetAuthorizationToken has no resource-level permissions; it only issues a login token.
            { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
            {
              Effect: 'Allow',
              Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
              Resource: args.repositoryArn,
            },
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: pulumi.interpolate`${logGroup.arn}:log-stream:*`,
            },
            { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: Object.values(args.secrets) },
          ],
        }),
      },
      parent,
    );

    // Used by the running app: read the rotating database password, nothing else.
    const taskRole = new aws.iam.Role(`${name}-task`, { assumeRolePolicy: assumedByEcsTasks }, parent);
    new aws.iam.RolePolicy(
      `${name}-task`,
      {
        role: taskRole.id,
        policy: pulumi.jsonStringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: args.runtimeSecretArns }],
        }),
      },
      parent,
    );

    const environment = Object.entries(args.environment).map(([envName, value]) => ({ name: envName, value }));
    const secrets = Object.entries(args.secrets).map(([envName, valueFrom]) => ({ name: envName, valueFrom }));
    const container = (containerName: string) => ({
      name: containerName,
      image: args.image,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      environment,
      secrets,
      stopTimeout: STOP_TIMEOUT_SECONDS,
      // ECS's init reaps zombies and forwards SIGTERM to node.
      linuxParameters: { initProcessEnabled: true },
      mountPoints: [{ sourceVolume: 'tmp', containerPath: SCRATCH_PATH, readOnly: false }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': logGroup.name,
          'awslogs-region': args.region,
          'awslogs-stream-prefix': containerName,
        },
      },
    });
    const taskDefinition = new aws.ecs.TaskDefinition(
      name,
      {
        family: name,
        cpu: String(args.cpu),
        memory: String(args.memory),
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: args.architecture },
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        volumes: [{ name: 'tmp' }],
        containerDefinitions: pulumi.jsonStringify([
          // Every task migrates before it serves; the advisory lock in the app serialises concurrent tasks and a
          // failed migration keeps the API container from starting, which trips the circuit breaker.
          { ...container(MIGRATE_CONTAINER), essential: false, command: MIGRATE_COMMAND },
          {
            ...container(API_CONTAINER),
            essential: true,
            portMappings: [{ containerPort: APP_PORT, protocol: 'tcp' }],
            dependsOn: [{ containerName: MIGRATE_CONTAINER, condition: 'SUCCESS' }],
          },
        ]),
      },
      parent,
    );

    const loadBalancer = new aws.lb.LoadBalancer(
      name,
      {
        loadBalancerType: 'application',
        internal: false,
        subnets: args.publicSubnetIds,
        securityGroups: [args.loadBalancerSecurityGroupId],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: args.deletionProtection,
        idleTimeout: 60,
      },
      parent,
    );
    const targetGroup = new aws.lb.TargetGroup(
      name,
      {
        port: APP_PORT,
        protocol: 'HTTP',
        targetType: 'ip',
        vpcId: args.vpcId,
        // Shorter than the app's shutdown grace, so draining finishes before SIGKILL.
        deregistrationDelay: 20,
        healthCheck: {
          path: HEALTH_CHECK_PATH,
          matcher: '200',
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
      },
      parent,
    );
    const forward = [{ type: 'forward', targetGroupArn: targetGroup.arn }];
    const listeners = https
      ? [
          new aws.lb.Listener(
            `${name}-https`,
            {
              loadBalancerArn: loadBalancer.arn,
              port: 443,
              protocol: 'HTTPS',
              sslPolicy: TLS_POLICY,
              certificateArn: args.certificateArn,
              defaultActions: forward,
            },
            parent,
          ),
          new aws.lb.Listener(
            `${name}-http`,
            {
              loadBalancerArn: loadBalancer.arn,
              port: 80,
              protocol: 'HTTP',
              defaultActions: [
                { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } },
              ],
            },
            parent,
          ),
        ]
      : [
          new aws.lb.Listener(
            `${name}-http`,
            { loadBalancerArn: loadBalancer.arn, port: 80, protocol: 'HTTP', defaultActions: forward },
            parent,
          ),
        ];

    const cluster = new aws.ecs.Cluster(name, { settings: [{ name: 'containerInsights', value: 'enabled' }] }, parent);
    const service = new aws.ecs.Service(
      name,
      {
        cluster: cluster.arn,
        taskDefinition: taskDefinition.arn,
        launchType: 'FARGATE',
        desiredCount: args.minTasks,
        networkConfiguration: {
          subnets: args.privateSubnetIds,
          securityGroups: [args.taskSecurityGroupId],
          assignPublicIp: false,
        },
        loadBalancers: [{ targetGroupArn: targetGroup.arn, containerName: API_CONTAINER, containerPort: APP_PORT }],
        healthCheckGracePeriodSeconds: 60,
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        deploymentCircuitBreaker: { enable: true, rollback: true },
        propagateTags: 'SERVICE',
        enableExecuteCommand: false,
        // `pulumi up` fails, rather than reports success, when a deploy is rolled back.
        waitForSteadyState: true,
      },
      // The autoscaler owns the running count after the first deploy.
      { parent: this, dependsOn: listeners, ignoreChanges: ['desiredCount'] },
    );

    const scalingTarget = new aws.appautoscaling.Target(
      name,
      {
        serviceNamespace: 'ecs',
        scalableDimension: 'ecs:service:DesiredCount',
        resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
        minCapacity: args.minTasks,
        maxCapacity: args.maxTasks,
      },
      parent,
    );
    new aws.appautoscaling.Policy(
      `${name}-cpu`,
      {
        policyType: 'TargetTrackingScaling',
        serviceNamespace: scalingTarget.serviceNamespace,
        scalableDimension: scalingTarget.scalableDimension,
        resourceId: scalingTarget.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          targetValue: args.cpuTargetPercent,
          scaleOutCooldown: 60,
          scaleInCooldown: 300,
        },
      },
      parent,
    );

    if (args.domainName && args.hostedZoneId) {
      new aws.route53.Record(
        name,
        {
          zoneId: args.hostedZoneId,
          name: args.domainName,
          type: 'A',
          aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
        },
        parent,
      );
    }

    const host = args.domainName ?? loadBalancer.dnsName;
    this.url = pulumi.interpolate`${https ? 'https' : 'http'}://${host}`;
    this.loadBalancerDnsName = loadBalancer.dnsName;
    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.registerOutputs({ url: this.url, clusterName: this.clusterName, serviceName: this.serviceName });
  }
}
