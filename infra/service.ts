// The API on ECS Fargate behind the load balancer's target group: migrations first, least-privilege roles, rollback, autoscaling.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { APP_PORT, CONTAINER_USER, MIGRATE_COMMAND, SCRATCH_PATH, STOP_TIMEOUT_SECONDS } from './container';

const API_CONTAINER = 'api';
const MIGRATE_CONTAINER = 'migrate';

export interface ServiceArgs {
  region: string;
  privateSubnetIds: pulumi.Input<string>[];
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
  /** The load balancer's target group the API container registers in. */
  targetGroupArn: pulumi.Input<string>;
  /** The listeners forwarding to that target group; ECS refuses a target group no listener uses. */
  listeners: pulumi.Resource[];
  /** The API container's settings and secrets. */
  api: ContainerSettings;
  /** The migrate container's: it runs as the schema owner and gets nothing the API alone needs. */
  migrate: ContainerSettings;
  /** Secrets a running container reads itself (the rotating master password, for migrate), with the task role. */
  runtimeSecretArns: pulumi.Input<string>[];
  /** `arn:aws:rds-db:...:dbuser:<resource id>/<user>`: the one database user the task may sign IAM tokens for. */
  databaseConnectArn: pulumi.Input<string>;
}

export interface ContainerSettings {
  /** Plain settings; never secret values. */
  environment: Record<string, pulumi.Input<string>>;
  /** Env var name -> Secrets Manager ARN; ECS resolves them at start with the execution role. */
  secrets: Record<string, pulumi.Input<string>>;
}

const assumedByEcsTasks = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
});

export class Service extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;
  readonly taskRoleArn: pulumi.Output<string>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:service:Service', name, {}, opts);
    const parent = { parent: this };

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
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue'],
              Resource: [...Object.values(args.api.secrets), ...Object.values(args.migrate.secrets)],
            },
          ],
        }),
      },
      parent,
    );

    // Used by the running containers: migrate reads the master password, the API signs IAM tokens for its own user.
    const taskRole = new aws.iam.Role(`${name}-task`, { assumeRolePolicy: assumedByEcsTasks }, parent);
    new aws.iam.RolePolicy(
      `${name}-task`,
      {
        role: taskRole.id,
        policy: pulumi.jsonStringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: args.runtimeSecretArns },
            { Effect: 'Allow', Action: ['rds-db:connect'], Resource: args.databaseConnectArn },
          ],
        }),
      },
      parent,
    );

    const container = (containerName: string, settings: ContainerSettings) => ({
      name: containerName,
      image: args.image,
      user: CONTAINER_USER,
      readonlyRootFilesystem: true,
      environment: Object.entries(settings.environment).map(([envName, value]) => ({ name: envName, value })),
      secrets: Object.entries(settings.secrets).map(([envName, valueFrom]) => ({ name: envName, valueFrom })),
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
          { ...container(MIGRATE_CONTAINER, args.migrate), essential: false, command: MIGRATE_COMMAND },
          {
            ...container(API_CONTAINER, args.api),
            essential: true,
            portMappings: [{ containerPort: APP_PORT, protocol: 'tcp' }],
            dependsOn: [{ containerName: MIGRATE_CONTAINER, condition: 'SUCCESS' }],
          },
        ]),
      },
      parent,
    );

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
        loadBalancers: [{ targetGroupArn: args.targetGroupArn, containerName: API_CONTAINER, containerPort: APP_PORT }],
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
      { parent: this, dependsOn: args.listeners, ignoreChanges: ['desiredCount'] },
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

    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.logGroupName = logGroup.name;
    this.taskRoleArn = taskRole.arn;
    this.registerOutputs({
      clusterName: this.clusterName,
      serviceName: this.serviceName,
      logGroupName: this.logGroupName,
      taskRoleArn: this.taskRoleArn,
    });
  }
}
