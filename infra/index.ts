// Pulumi entry point (Pulumi.yaml `main: infra/`): wires the components together and exports the stack outputs.
import * as aws from '@pulumi/aws';
import { apiEnvironment } from './appEnvironment';
import { loadStackConfig } from './config';
import { APP_PORT } from './container';
import { Database } from './database';
import { DomainCertificate } from './domain';
import { Mail } from './mail';
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
  });
  const database = new Database(`${name}-db`, {
    ...config.database,
    subnetIds: network.privateSubnetIds,
    securityGroupId: network.databaseSecurityGroupId,
    databaseName: 'rampart',
    username: 'rampart',
  });
  const secrets = new Secrets(name, { jwtSecretLength: 64, recoveryWindowInDays: protect ? 30 : 7 });
  const registry = new Registry(name, { keepImages: 50, forceDelete: !protect });
  const mail =
    config.mail &&
    new Mail(`${name}-mail`, {
      domain: config.mail.domain,
      hostedZoneId: config.service.hostedZoneId,
      region: config.region,
      recoveryWindowInDays: protect ? 30 : 7,
    });

  const { domainName, hostedZoneId } = config.service;
  const certificateArn =
    config.service.certificateArn ??
    (domainName && hostedZoneId ? new DomainCertificate(name, { domainName, hostedZoneId }).certificateArn : undefined);

  // Without an image (the first `pulumi up`), stop here: CI needs the registry before it can push one.
  const service = config.image
    ? new Service(`${name}-api`, {
        ...config.service,
        certificateArn,
        region: config.region,
        image: config.image,
        repositoryArn: registry.repositoryArn,
        vpcId: network.vpcId,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        loadBalancerSecurityGroupId: network.loadBalancerSecurityGroupId,
        taskSecurityGroupId: network.taskSecurityGroupId,
        environment: {
          ...apiEnvironment(config, database),
          // Local accounts need mail (reset and verification links); without SES only JWKS_* users sign in.
          ...(config.mail ? { MAIL_FROM: config.mail.from, APP_URL: config.mail.appUrl } : { LOCAL_ACCOUNTS: 'false' }),
        },
        secrets: { JWT_SECRET: secrets.jwtSecretArn, ...(mail && { SMTP_URL: mail.smtpUrlSecretArn }) },
        runtimeSecretArns: [database.masterSecretArn],
      })
    : undefined;

  return {
    serviceUrl: service?.url,
    loadBalancerDnsName: service?.loadBalancerDnsName,
    clusterName: service?.clusterName,
    serviceName: service?.serviceName,
    logGroupName: service?.logGroupName,
    repositoryUrl: registry.repositoryUrl,
    databaseEndpoint: database.address,
    databasePort: database.port,
    databasePasswordSecretArn: database.masterSecretArn,
    jwtSecretArn: secrets.jwtSecretArn,
    mailDnsRecords: mail?.dnsRecords,
    smtpUrlSecretArn: mail?.smtpUrlSecretArn,
  };
};
