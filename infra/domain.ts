// A DNS-validated ACM certificate for the API's host name, when the stack owns its Route 53 zone.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface DomainCertificateArgs {
  domainName: string;
  hostedZoneId: string;
}

export class DomainCertificate extends pulumi.ComponentResource {
  /** Resolves only once ACM has validated the certificate, so listeners never use a pending one. */
  readonly certificateArn: pulumi.Output<string>;

  constructor(name: string, args: DomainCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:domain:DomainCertificate', name, {}, opts);
    const parent = { parent: this };

    const certificate = new aws.acm.Certificate(name, { domainName: args.domainName, validationMethod: 'DNS' }, parent);
    const record = certificate.domainValidationOptions.apply((options) => {
      const option = options.find((candidate) => candidate.domainName === args.domainName);
      if (!option) throw new Error(`ACM returned no DNS validation record for ${args.domainName}`);
      return option;
    });
    const validationRecord = new aws.route53.Record(
      `${name}-validation`,
      {
        zoneId: args.hostedZoneId,
        name: record.resourceRecordName,
        type: record.resourceRecordType,
        records: [record.resourceRecordValue],
        ttl: 300,
        allowOverwrite: true,
      },
      parent,
    );
    const validation = new aws.acm.CertificateValidation(
      name,
      { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
      parent,
    );

    this.certificateArn = validation.certificateArn;
    this.registerOutputs({ certificateArn: this.certificateArn });
  }
}
