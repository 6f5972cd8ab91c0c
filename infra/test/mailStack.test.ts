// A stack with rampart:mailDomain: SES domain identity with DKIM records in the zone, SMTP credentials only in a secret.
import { parseStackConfig, StackConfigError } from '../config';
import {
  MOCK_SMTP_PASSWORD,
  TEST_IMAGE,
  containersOf,
  runProgram,
  statementsOf,
  unqualified,
  stackSettings,
  type ProgramRun,
} from './mockedProgram';
import { types as T } from './stackInvariants';

const ZONE = 'Z0123456789ABCDEFGHIJ';
const overrides = {
  'rampart:image': TEST_IMAGE,
  'rampart:mailDomain': 'example.com',
  'rampart:appUrl': 'https://app.example.com',
  'rampart:hostedZoneId': ZONE,
  'rampart:domainName': 'api.example.com',
};
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram('dev', overrides);
});

const smtpSecret = () => run.ofType(T.secret).find((secret) => secret.name.endsWith('-mail-smtp-url'))!;

describe('dev stack with a mail domain', () => {
  it('creates the SES domain identity with Easy DKIM', () => {
    expect(run.one('aws:ses/domainIdentity:DomainIdentity').inputs).toEqual({ domain: 'example.com' });
    expect(run.one('aws:ses/domainDkim:DomainDkim').inputs).toEqual({ domain: 'example.com' });
  });

  it('writes the verification TXT and the three DKIM CNAMEs into the hosted zone', () => {
    const records = run
      .ofType('aws:route53/record:Record')
      .filter((record) => record.name.includes('-mail-'))
      .map((record) => record.inputs);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          zoneId: ZONE,
          name: '_amazonses.example.com',
          type: 'TXT',
          records: ['sesVerify123'],
        }),
        ...['dkimone', 'dkimtwo', 'dkimthree'].map((token) =>
          expect.objectContaining({
            zoneId: ZONE,
            name: `${token}._domainkey.example.com`,
            type: 'CNAME',
            records: [`${token}.dkim.amazonses.com`],
          }),
        ),
      ]),
    );
    expect(records).toHaveLength(4);
  });

  it('lets the SMTP user send from the domain and nothing else', () => {
    const policy = run.one('aws:iam/userPolicy:UserPolicy');
    expect(statementsOf(policy)).toEqual([
      {
        Effect: 'Allow',
        Action: ['ses:SendRawEmail'],
        Resource: [run.one('aws:ses/domainIdentity:DomainIdentity').state.arn],
      },
    ]);
  });

  it('keeps the SMTP URL with its derived password only in Secrets Manager, URL-encoded', () => {
    const version = run
      .ofType(T.secretVersion)
      .find((candidate) => candidate.inputs.secretId === `${smtpSecret().name}-id`)!;
    expect(version.inputs.secretString).toBe(
      `smtps://${encodeURIComponent(`${run.one('aws:iam/accessKey:AccessKey').name}-id`)}:${encodeURIComponent(MOCK_SMTP_PASSWORD)}@email-smtp.eu-west-1.amazonaws.com:465`,
    );
    const elsewhere = run.resources.filter((resource) => resource !== version);
    for (const resource of elsewhere) expect(JSON.stringify(resource.inputs)).not.toContain('MOCKSMTP');
    expect(JSON.stringify(run.outputs)).not.toContain('MOCKSMTP');
  });

  it('injects SMTP_URL as an ECS secret, with MAIL_FROM and APP_URL in the environment', () => {
    const container = containersOf(run.one(T.taskDefinition)).find((candidate) => candidate.name === 'api');
    expect(container?.secrets).toEqual(
      expect.arrayContaining([{ name: 'SMTP_URL', valueFrom: smtpSecret().state.arn }]),
    );
    expect(container?.environment).toEqual(
      expect.arrayContaining([
        { name: 'MAIL_FROM', value: 'no-reply@example.com' },
        { name: 'APP_URL', value: 'https://app.example.com' },
      ]),
    );
    const execution = run.ofType(T.rolePolicy).find((policy) => policy.name.endsWith('-execution'))!;
    expect(statementsOf(execution)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: ['secretsmanager:GetSecretValue'],
          Resource: expect.arrayContaining([smtpSecret().state.arn]),
        }),
      ]),
    );
    expect(run.outputs.smtpUrlSecretArn).toBe(smtpSecret().state.arn);
  });
});

describe('mail settings', () => {
  const base = unqualified(stackSettings('dev'));
  it('needs appUrl with mailDomain, naming it', () => {
    expect(() => parseStackConfig('dev', { ...base, mailDomain: 'example.com' })).toThrow(StackConfigError);
    expect(() => parseStackConfig('dev', { ...base, mailDomain: 'example.com' })).toThrow(
      'rampart:appUrl is required when mailDomain is set',
    );
  });

  it('has no mail without mailDomain', () => {
    expect(parseStackConfig('dev', base).mail).toBeUndefined();
  });
});
