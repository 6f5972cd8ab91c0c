// A stack given a domain and its Route 53 zone instead of a certificate: it has one issued and points the name at the ALB.
import { TLS_POLICY } from '../loadBalancer';
import { runProgram, TEST_IMAGE, type ProgramRun } from './mockedProgram';
import { describeStackInvariants, types as T } from './stackInvariants';

const overrides = {
  'rampart:image': TEST_IMAGE,
  'rampart:domainName': 'api.example.com',
  'rampart:hostedZoneId': 'Z0123456789ABCDEFGHIJ',
};
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram('prod', overrides);
});

describe('prod stack with a domain', () => {
  describeStackInvariants('prod', overrides, () => run);

  it('issues a DNS-validated certificate for the domain and serves HTTPS with it once validated', () => {
    const certificate = run.one('aws:acm/certificate:Certificate');
    expect(certificate.inputs).toEqual({ domainName: 'api.example.com', validationMethod: 'DNS' });
    const validationRecord = run.ofType('aws:route53/record:Record').find((record) => record.inputs.type === 'CNAME')!;
    expect(validationRecord.inputs).toMatchObject({
      zoneId: 'Z0123456789ABCDEFGHIJ',
      name: '_c0ffee.api.example.com.',
      records: ['_d00d.acm-validations.aws.'],
    });
    expect(run.one('aws:acm/certificateValidation:CertificateValidation').inputs).toEqual({
      certificateArn: certificate.state.arn,
      validationRecordFqdns: ['_c0ffee.api.example.com'],
    });
    const https = run.ofType(T.listener).find((listener) => listener.inputs.port === 443)!;
    expect(https.inputs).toMatchObject({
      protocol: 'HTTPS',
      sslPolicy: TLS_POLICY,
      certificateArn: certificate.state.arn,
    });
  });

  it('points the domain at the load balancer with an alias record', () => {
    const alias = run.ofType('aws:route53/record:Record').find((record) => record.inputs.type === 'A')!;
    const lb = run.one(T.loadBalancer).state;
    expect(alias.inputs).toMatchObject({
      zoneId: 'Z0123456789ABCDEFGHIJ',
      name: 'api.example.com',
      aliases: [{ name: lb.dnsName, zoneId: lb.zoneId, evaluateTargetHealth: true }],
    });
    expect(run.outputs.serviceUrl).toBe('https://api.example.com');
  });
});
