// RDS PostgreSQL in the private subnets: encrypted, TLS-only, backed up, logs kept, master password only Secrets Manager knows.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { POSTGRES_PORT } from './network';

export interface DatabaseArgs {
  subnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  instanceClass: string;
  /** A major (`16`) or exact (`16.4`) version; minor upgrades are applied automatically. */
  engineVersion: string;
  /** Must match the major version, e.g. `postgres16`. */
  parameterGroupFamily: string;
  allocatedStorageGb: number;
  maxAllocatedStorageGb: number;
  backupRetentionDays: number;
  multiAz: boolean;
  finalSnapshot: boolean;
  deletionProtection: boolean;
  databaseName: string;
  /** The master user: owns the schema, runs migrations, reads its password from the RDS-managed secret. */
  username: string;
  /** The API's role (IAM authentication, row access only), created by the migrate step. */
  appUsername: string;
  region: string;
  /** Days CloudWatch keeps the PostgreSQL and upgrade logs the instance exports. */
  logRetentionDays: number;
  /** Pulumi refuses to delete or replace the instance (a replacement would start from an empty database). */
  protect: boolean;
}

/** What RDS exports to CloudWatch Logs, each into /aws/rds/instance/<identifier>/<log>. */
export const RDS_LOG_EXPORTS = ['postgresql', 'upgrade'];

export class Database extends pulumi.ComponentResource {
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: string;
  readonly username: string;
  readonly appUsername: string;
  /** `rds-db:connect` resource for the app user: the only database identity the task role may assume. */
  readonly appConnectArn: pulumi.Output<string>;
  /** The RDS-managed secret holding `{"username","password"}`; RDS rotates it. */
  readonly masterSecretArn: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:database:Database', name, {}, opts);
    const parent = { parent: this };

    const subnets = new aws.rds.SubnetGroup(name, { subnetIds: args.subnetIds }, parent);
    const parameters = new aws.rds.ParameterGroup(
      name,
      {
        family: args.parameterGroupFamily,
        description: 'Rampart: TLS only, slow statements logged',
        parameters: [
          { name: 'rds.force_ssl', value: '1' },
          { name: 'ssl_min_protocol_version', value: 'TLSv1.2' },
          { name: 'log_min_duration_statement', value: '1000' },
        ],
      },
      parent,
    );
    // Enhanced Monitoring publishes OS metrics through this role (CKV_AWS_118).
    const monitoringRole = new aws.iam.Role(
      `${name}-monitoring`,
      {
        assumeRolePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'monitoring.rds.amazonaws.com' } },
          ],
        }),
      },
      parent,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-monitoring`,
      {
        role: monitoringRole.name,
        policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
      },
      parent,
    );

    // RDS would create these on first export without retention; created first, they keep logs as configured.
    const logGroups = RDS_LOG_EXPORTS.map(
      (log) =>
        new aws.cloudwatch.LogGroup(
          `${name}-${log}`,
          { name: `/aws/rds/instance/${name}/${log}`, retentionInDays: args.logRetentionDays },
          parent,
        ),
    );

    const instance = new aws.rds.Instance(
      name,
      {
        // Explicit, so the log group names above are known before the instance exists.
        identifier: name,
        engine: 'postgres',
        engineVersion: args.engineVersion,
        instanceClass: args.instanceClass,
        dbName: args.databaseName,
        username: args.username,
        // RDS generates the password into Secrets Manager and rotates it; it never passes through Pulumi.
        manageMasterUserPassword: true,
        port: POSTGRES_PORT,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [args.securityGroupId],
        publiclyAccessible: false,
        parameterGroupName: parameters.name,
        storageType: 'gp3',
        allocatedStorage: args.allocatedStorageGb,
        maxAllocatedStorage: args.maxAllocatedStorageGb,
        storageEncrypted: true,
        caCertIdentifier: 'rds-ca-rsa2048-g1',
        multiAz: args.multiAz,
        backupRetentionPeriod: args.backupRetentionDays,
        backupWindow: '02:00-03:00',
        maintenanceWindow: 'sun:03:30-sun:04:30',
        copyTagsToSnapshot: true,
        autoMinorVersionUpgrade: true,
        // RDS refuses a major engine bump (16 -> 17) without it; it never upgrades on its own, only on a config change.
        allowMajorVersionUpgrade: true,
        iamDatabaseAuthenticationEnabled: true,
        performanceInsightsEnabled: true,
        performanceInsightsRetentionPeriod: 7,
        monitoringInterval: 60,
        monitoringRoleArn: monitoringRole.arn,
        enabledCloudwatchLogsExports: RDS_LOG_EXPORTS,
        deletionProtection: args.deletionProtection,
        skipFinalSnapshot: !args.finalSnapshot,
        finalSnapshotIdentifier: args.finalSnapshot ? `${name}-final` : undefined,
      },
      // Autoscaled storage grows outside Pulumi; reverting it would be refused by RDS anyway.
      { parent: this, ignoreChanges: ['allocatedStorage'], dependsOn: logGroups, protect: args.protect },
    );

    this.address = instance.address;
    this.port = instance.port;
    this.databaseName = args.databaseName;
    this.username = args.username;
    this.appUsername = args.appUsername;
    const account = aws.getCallerIdentityOutput({}, parent).accountId;
    this.appConnectArn = pulumi.interpolate`arn:aws:rds-db:${args.region}:${account}:dbuser:${instance.resourceId}/${args.appUsername}`;
    this.masterSecretArn = instance.masterUserSecrets.apply((secrets) => {
      const arn = secrets[0]?.secretArn;
      if (!arn) throw new Error('RDS did not report the managed master user secret');
      return arn;
    });
    this.registerOutputs({
      address: this.address,
      port: this.port,
      masterSecretArn: this.masterSecretArn,
      appConnectArn: this.appConnectArn,
    });
  }
}
