// The public entry: ALB with its target group and listeners, access logs to their own bucket, optional WAF, DNS alias.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { APP_PORT, HEALTH_CHECK_PATH } from './container';

/** Forward secrecy, TLS 1.3 with 1.2 for older clients (CKV_AWS_103). */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
/** Where the ALB writes its access logs inside the bucket. */
export const ACCESS_LOG_PREFIX = 'alb';
/** The sign-in, sign-up and refresh routes the WAF rate-limits per client IP. */
export const AUTH_PATH_PREFIX = '/api/auth/';

export interface LoadBalancerArgs {
  vpcId: pulumi.Input<string>;
  publicSubnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  /** With a certificate the ALB serves HTTPS and port 80 only redirects. */
  certificateArn: pulumi.Input<string> | undefined;
  /** The name the certificate covers, used for the URL. */
  domainName: string | undefined;
  /** When set (with domainName), an alias record points the name at the load balancer. */
  hostedZoneId: string | undefined;
  deletionProtection: boolean;
  /** Days access logs are kept before the bucket's lifecycle rule deletes them. */
  accessLogRetentionDays: number;
  /** AWS WAF with the managed common and known-bad-inputs rules, and a rate limit on the auth routes. */
  waf: { authRequestsPerFiveMinutes: number } | undefined;
}

export class LoadBalancer extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;
  readonly dnsName: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  /** The service depends on these: ECS refuses a target group that no listener forwards to. */
  readonly listeners: aws.lb.Listener[];
  readonly accessLogBucket: pulumi.Output<string>;
  readonly webAclArn: pulumi.Output<string> | undefined;

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:loadBalancer:LoadBalancer', name, {}, opts);
    const parent = { parent: this };
    const https = args.certificateArn !== undefined;

    const logs = this.createAccessLogBucket(name, args);
    const loadBalancer = new aws.lb.LoadBalancer(
      name,
      {
        loadBalancerType: 'application',
        internal: false,
        subnets: args.publicSubnetIds,
        securityGroups: [args.securityGroupId],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: args.deletionProtection,
        idleTimeout: 60,
        accessLogs: { bucket: logs.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true },
      },
      // ELB checks that it may write to the bucket when access logs are switched on.
      { parent: this, dependsOn: [logs.policy] },
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
    const listener = (suffix: string, listenerArgs: Omit<aws.lb.ListenerArgs, 'loadBalancerArn'>) =>
      new aws.lb.Listener(`${name}-${suffix}`, { loadBalancerArn: loadBalancer.arn, ...listenerArgs }, parent);
    this.listeners = https
      ? [
          listener('https', {
            port: 443,
            protocol: 'HTTPS',
            sslPolicy: TLS_POLICY,
            certificateArn: args.certificateArn,
            defaultActions: forward,
          }),
          listener('http', {
            port: 80,
            protocol: 'HTTP',
            defaultActions: [
              { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } },
            ],
          }),
        ]
      : [listener('http', { port: 80, protocol: 'HTTP', defaultActions: forward })];

    this.webAclArn = args.waf ? this.webAcl(name, loadBalancer, args.waf.authRequestsPerFiveMinutes) : undefined;

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
    this.dnsName = loadBalancer.dnsName;
    this.arn = loadBalancer.arn;
    this.targetGroupArn = targetGroup.arn;
    this.accessLogBucket = logs.bucket;
    this.registerOutputs({
      url: this.url,
      dnsName: this.dnsName,
      arn: this.arn,
      targetGroupArn: this.targetGroupArn,
      accessLogBucket: this.accessLogBucket,
      webAclArn: this.webAclArn,
    });
  }

  /** A private, encrypted bucket only the region's ELB log-delivery account may write to; old logs expire. */
  private createAccessLogBucket(name: string, args: LoadBalancerArgs) {
    const parent = { parent: this };
    const bucket = new aws.s3.Bucket(
      `${name}-access-logs`,
      { bucketPrefix: `${name}-access-logs-`, forceDestroy: !args.deletionProtection },
      parent,
    );
    new aws.s3.BucketPublicAccessBlock(
      `${name}-access-logs`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-access-logs`,
      { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } },
      parent,
    );
    // ALB access logs support SSE-S3 only (not KMS).
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-access-logs`,
      { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
      parent,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-access-logs`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: 'expire-access-logs',
            status: 'Enabled',
            filter: { prefix: `${ACCESS_LOG_PREFIX}/` },
            expiration: { days: args.accessLogRetentionDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
          },
        ],
      },
      parent,
    );
    const account = aws.getCallerIdentityOutput({}, parent).accountId;
    const elbAccount = aws.elb.getServiceAccountOutput({}, parent).arn;
    const policy = new aws.s3.BucketPolicy(
      `${name}-access-logs`,
      {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ElbLogDelivery',
              Effect: 'Allow',
              Principal: { AWS: elbAccount },
              Action: 's3:PutObject',
              Resource: pulumi.interpolate`${bucket.arn}/${ACCESS_LOG_PREFIX}/AWSLogs/${account}/*`,
            },
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        }),
      },
      parent,
    );
    return { bucket: bucket.bucket, policy };
  }

  /** Managed common and known-bad-inputs rule groups, plus a per-IP rate limit on the auth routes. */
  private webAcl(name: string, loadBalancer: aws.lb.LoadBalancer, authLimit: number): pulumi.Output<string> {
    const visibility = (metric: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName: `${name}-${metric}`,
      sampledRequestsEnabled: true,
    });
    const managed = (ruleName: string, priority: number) => ({
      name: ruleName,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: ruleName } },
      visibilityConfig: visibility(ruleName),
    });
    const acl = new aws.wafv2.WebAcl(
      name,
      {
        scope: 'REGIONAL',
        defaultAction: { allow: {} },
        visibilityConfig: visibility('web-acl'),
        rules: [
          managed('AWSManagedRulesCommonRuleSet', 1),
          managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
          {
            name: 'auth-rate-limit',
            priority: 3,
            action: { block: {} },
            statement: {
              rateBasedStatement: {
                limit: authLimit,
                aggregateKeyType: 'IP',
                scopeDownStatement: {
                  byteMatchStatement: {
                    searchString: AUTH_PATH_PREFIX,
                    fieldToMatch: { uriPath: {} },
                    positionalConstraint: 'STARTS_WITH',
                    textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                  },
                },
              },
            },
            visibilityConfig: visibility('auth-rate-limit'),
          },
        ],
      },
      { parent: this },
    );
    new aws.wafv2.WebAclAssociation(name, { resourceArn: loadBalancer.arn, webAclArn: acl.arn }, { parent: this });
    return acl.arn;
  }
}
