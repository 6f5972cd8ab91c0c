// Amazon SES for the account mails: a verified domain with DKIM, and SMTP credentials kept in Secrets Manager.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface MailArgs {
  /** The domain mails are sent from, e.g. example.com. */
  domain: string;
  /** With it, the verification and DKIM records are created in this Route 53 zone. */
  hostedZoneId: string | undefined;
  region: string;
  recoveryWindowInDays: number;
}

/** Easy DKIM always issues three tokens. */
const DKIM_TOKENS = 3;

export class Mail extends pulumi.ComponentResource {
  /** Secret holding `smtps://…@email-smtp.<region>.amazonaws.com:465`, for the container's SMTP_URL. */
  readonly smtpUrlSecretArn: pulumi.Output<string>;
  /** The DNS records to create by hand when no hosted zone is configured. */
  readonly dnsRecords: pulumi.Output<{ name: string; type: string; value: string }[]>;

  constructor(name: string, args: MailArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:mail:Mail', name, {}, opts);
    const parent = { parent: this };
    const { domain } = args;

    const identity = new aws.ses.DomainIdentity(`${name}-domain`, { domain }, parent);
    const dkim = new aws.ses.DomainDkim(`${name}-dkim`, { domain: identity.domain }, parent);
    this.dnsRecords = pulumi.all([identity.verificationToken, dkim.dkimTokens]).apply(([token, tokens]) => [
      { name: `_amazonses.${domain}`, type: 'TXT', value: token },
      ...tokens.map((dkimToken) => ({
        name: `${dkimToken}._domainkey.${domain}`,
        type: 'CNAME',
        value: `${dkimToken}.dkim.amazonses.com`,
      })),
    ]);

    if (args.hostedZoneId) {
      new aws.route53.Record(
        `${name}-verification`,
        {
          zoneId: args.hostedZoneId,
          name: `_amazonses.${domain}`,
          type: 'TXT',
          ttl: 600,
          records: [identity.verificationToken],
        },
        parent,
      );
      for (let index = 0; index < DKIM_TOKENS; index += 1) {
        const token = dkim.dkimTokens.apply((tokens) => tokens[index] ?? '');
        new aws.route53.Record(
          `${name}-dkim-${index}`,
          {
            zoneId: args.hostedZoneId,
            name: pulumi.interpolate`${token}._domainkey.${domain}`,
            type: 'CNAME',
            ttl: 600,
            records: [pulumi.interpolate`${token}.dkim.amazonses.com`],
          },
          parent,
        );
      }
    }

    // SES SMTP authenticates with an IAM user's access key; this user may only send from the domain.
    const user = new aws.iam.User(`${name}-smtp`, { path: '/rampart/' }, parent);
    new aws.iam.UserPolicy(
      `${name}-smtp-send`,
      {
        user: user.name,
        policy: identity.arn.apply((arn) =>
          JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['ses:SendRawEmail'], Resource: [arn] }],
          }),
        ),
      },
      parent,
    );
    const key = new aws.iam.AccessKey(`${name}-smtp`, { user: user.name }, parent);
    const smtpUrl = pulumi
      .all([key.id, key.sesSmtpPasswordV4])
      .apply(
        ([id, password]) =>
          `smtps://${encodeURIComponent(id)}:${encodeURIComponent(password)}@email-smtp.${args.region}.amazonaws.com:465`,
      );
    const secret = new aws.secretsmanager.Secret(
      `${name}-smtp-url`,
      {
        namePrefix: `${name}/smtp-url-`,
        description: 'Rampart SMTP_URL (Amazon SES SMTP credentials), injected into tasks through ECS secrets',
        recoveryWindowInDays: args.recoveryWindowInDays,
      },
      parent,
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-smtp-url`,
      { secretId: secret.id, secretString: pulumi.secret(smtpUrl) },
      { parent: this, additionalSecretOutputs: ['secretString'] },
    );

    this.smtpUrlSecretArn = secret.arn;
    this.registerOutputs({ smtpUrlSecretArn: this.smtpUrlSecretArn, dnsRecords: this.dnsRecords });
  }
}
