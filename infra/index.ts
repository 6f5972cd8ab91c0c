// Pulumi entry point (Pulumi.yaml `main: infra/index.ts`): wires the components together and exports the stack outputs.
import * as aws from '@pulumi/aws';
import { apiEnvironment, migrateEnvironment } from './appEnvironment';
import { loadStackConfig } from './config';
import { APP_PORT } from './container';
import { Database } from './database';
import { DomainCertificate } from './domain';
import { LoadBalancer } from './loadBalancer';
import { Network } from './network';
import { Registry } from './registry';
import { Secrets } from './secrets';
import { Service } from './service';

export = async () => {
  const config = loadStackConfig();
  const name = `rampart-${config.stack}`;
  const protect = config.database.deletionProtection;

  const zones = await aws.getAvailabilityZones({ state: 'available' });
  const [first, second] = zones.names;
  if (!first || !second) throw new Error(`${config.region} reports fewer than two availability zones`);

  const network = new Network(name, {
    cidrBlock: config.network.cidrBlock,
    availabilityZones: [first, second],
    natGateways: config.network.natGateways,
    appPort: APP_PORT,
    https: config.service.https,
    flowLogRetentionDays: config.service.logRetentionDays,
  });
  const database = new Database(`${name}-db`, {
    ...config.database,
    subnetIds: network.privateSubnetIds,
    securityGroupId: network.databaseSecurityGroupId,
    databaseName: 'rampart',
    username: 'rampart',
    appUsername: 'rampart_app',
    region: config.region,
    logRetentionDays: config.service.logRetentionDays,
    protect,
  });
  const secrets = new Secrets(name, { jwtSecretLength: 64, recoveryWindowInDays: protect ? 30 : 7 });
  const registry = new Registry(name, { keepImages: 50, untaggedDays: 14, forceDelete: !protect });

  const { domainName, hostedZoneId } = config.service;
  const certificateArn =
    config.service.certificateArn ??
    (domainName && hostedZoneId ? new DomainCertificate(name, { domainName, hostedZoneId }).certificateArn : undefined);

  // Without an image (the first `pulumi up`), stop here: CI needs the registry before it can push one.
  const entry = config.image
    ? new LoadBalancer(`${name}-api`, {
        vpcId: network.vpcId,
        publicSubnetIds: network.publicSubnetIds,
        securityGroupId: network.loadBalancerSecurityGroupId,
        certificateArn,
        domainName,
        hostedZoneId,
        deletionProtection: config.service.deletionProtection,
        accessLogRetentionDays: config.service.logRetentionDays,
        waf: config.service.waf,
      })
    : undefined;
  const service =
    config.image && entry
      ? new Service(`${name}-api`, {
          ...config.service,
          region: config.region,
          image: config.image,
          repositoryArn: registry.repositoryArn,
          privateSubnetIds: network.privateSubnetIds,
          taskSecurityGroupId: network.taskSecurityGroupId,
          targetGroupArn: entry.targetGroupArn,
          listeners: entry.listeners,
          api: { environment: apiEnvironment(config, database), secrets: { JWT_SECRET: secrets.jwtSecretArn } },
          migrate: { environment: migrateEnvironment(config, database), secrets: {} },
          runtimeSecretArns: [database.masterSecretArn],
          databaseConnectArn: database.appConnectArn,
        })
      : undefined;

  return {
    /** The digest running now: CI previews pull requests against it. */
    image: config.image,
    serviceUrl: entry?.url,
    loadBalancerDnsName: entry?.dnsName,
    accessLogBucket: entry?.accessLogBucket,
    flowLogGroupName: network.flowLogGroupName,
    clusterName: service?.clusterName,
    serviceName: service?.serviceName,
    logGroupName: service?.logGroupName,
    repositoryUrl: registry.repositoryUrl,
    databaseEndpoint: database.address,
    databasePort: database.port,
    databasePasswordSecretArn: database.masterSecretArn,
    jwtSecretArn: secrets.jwtSecretArn,
  };
};
