// Database policies: encrypted, private, backed up, observable, TLS only, password owned by Secrets Manager.
import { resourcePolicy } from './resourcePolicy';
import { RDS_INSTANCE, RDS_PARAMETER_GROUP } from './types';

export const rdsPolicies = [
  resourcePolicy({
    name: 'CKV_AWS_16',
    description: 'RDS storage is encrypted at rest.',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.storageEncrypted !== true) report('storageEncrypted must be true');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_17',
    description: 'RDS instances are not publicly accessible.',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.publiclyAccessible === true) report('publiclyAccessible must be false');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_133',
    description: 'RDS keeps automated backups for at least 7 days.',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      const days = Number(props.backupRetentionPeriod ?? 0);
      if (days < 7) report(`backupRetentionPeriod is ${days}; it must be at least 7`);
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_129',
    description: 'RDS exports its PostgreSQL logs to CloudWatch.',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      const exports: unknown[] = props.enabledCloudwatchLogsExports ?? [];
      if (!exports.includes('postgresql')) report('enabledCloudwatchLogsExports must include "postgresql"');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_353',
    description: 'RDS has Performance Insights enabled.',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.performanceInsightsEnabled !== true) report('performanceInsightsEnabled must be true');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_118',
    description: 'RDS has Enhanced Monitoring enabled.',
    enforcementLevel: 'advisory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (!(Number(props.monitoringInterval ?? 0) > 0)) report('monitoringInterval should be above 0');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_161',
    description: 'RDS has IAM database authentication enabled.',
    enforcementLevel: 'advisory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.iamDatabaseAuthenticationEnabled !== true) report('iamDatabaseAuthenticationEnabled should be true');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_226',
    description: 'RDS applies minor engine upgrades automatically.',
    enforcementLevel: 'advisory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.autoMinorVersionUpgrade === false) report('autoMinorVersionUpgrade should not be false');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_157',
    description: 'RDS is Multi-AZ (required of the prod stack by its tests).',
    enforcementLevel: 'advisory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.multiAz !== true) report('multiAz should be true outside dev stacks');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_293',
    description: 'RDS has deletion protection (required of the prod stack by its tests).',
    enforcementLevel: 'advisory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.deletionProtection !== true) report('deletionProtection should be true outside dev stacks');
    },
  }),
  resourcePolicy({
    name: 'CKV2_AWS_60',
    description: 'RDS copies tags to snapshots.',
    enforcementLevel: 'advisory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.copyTagsToSnapshot !== true) report('copyTagsToSnapshot should be true');
    },
  }),
  resourcePolicy({
    name: 'RAMPART_RDS_GP3',
    description: 'RDS storage is gp3 (baseline IOPS without gp2 burst credits).',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.storageType !== 'gp3') report(`storageType is ${String(props.storageType)}; it must be gp3`);
    },
  }),
  resourcePolicy({
    name: 'RAMPART_RDS_POSTGRES_16',
    description: 'RDS runs PostgreSQL 16 or newer.',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      const major = Number(String(props.engineVersion ?? '').split('.')[0]);
      if (props.engine !== 'postgres') report(`engine is ${String(props.engine)}; it must be postgres`);
      else if (!(major >= 16)) report(`engineVersion is ${String(props.engineVersion)}; it must be 16 or newer`);
    },
  }),
  resourcePolicy({
    name: 'RAMPART_RDS_MANAGED_PASSWORD',
    description: 'The RDS master password is generated and rotated by Secrets Manager, never passed in.',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_INSTANCE,
    check(props, report) {
      if (props.manageMasterUserPassword !== true) report('manageMasterUserPassword must be true');
      if (props.password !== undefined) report('password must not be set: let RDS manage it');
    },
  }),
  resourcePolicy({
    name: 'CKV2_AWS_69',
    description: 'PostgreSQL parameter groups force TLS (rds.force_ssl=1).',
    enforcementLevel: 'mandatory',
    resourceTypes: RDS_PARAMETER_GROUP,
    check(props, report) {
      if (!String(props.family ?? '').startsWith('postgres')) return;
      const parameters: { name: string; value: string }[] = props.parameters ?? [];
      const forceSsl = parameters.find((parameter) => parameter.name === 'rds.force_ssl');
      if (forceSsl?.value !== '1') report('parameters must set rds.force_ssl to 1');
    },
  }),
];
