// The dev stack (Pulumi.dev.yaml) under Pulumi's mocks: every shared property, plus what makes it cheaper.
import { runProgram, TEST_IMAGE, type ProgramRun } from './mockedProgram';
import { advisoryFindings, describeStackInvariants, types as T } from './stackInvariants';

const overrides = { 'rampart:image': TEST_IMAGE };
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram('dev', overrides);
});

describe('dev stack', () => {
  describeStackInvariants('dev', overrides, () => run);

  it('shares one NAT gateway between the private subnets', () => {
    expect(run.ofType(T.nat)).toHaveLength(1);
  });

  it('runs a single-AZ micro database that can be torn down without a snapshot', () => {
    expect(run.one(T.db).inputs).toMatchObject({
      instanceClass: 'db.t4g.micro',
      multiAz: false,
      deletionProtection: false,
      skipFinalSnapshot: true,
    });
  });

  it('has no WAF unless rampart:waf is set', () => {
    expect(run.ofType(T.webAcl)).toEqual([]);
  });

  it('serves plain HTTP on port 80 when no certificate is configured', () => {
    expect(run.ofType(T.listener).map((listener) => listener.inputs)).toEqual([
      expect.objectContaining({
        port: 80,
        protocol: 'HTTP',
        defaultActions: [expect.objectContaining({ type: 'forward' })],
      }),
    ]);
    expect(run.outputs.serviceUrl).toMatch(/^http:\/\/.*\.elb\.amazonaws\.com$/);
  });

  it('reports exactly the advisory findings a dev stack accepts', () => {
    expect(advisoryFindings(run)).toEqual(
      [
        'CKV_AWS_157 rampart-dev-db',
        'CKV_AWS_293 rampart-dev-db',
        'CKV_AWS_150 rampart-dev-api',
        'CKV_AWS_2 rampart-dev-api-http',
        'CKV_AWS_338 rampart-dev-api',
        'CKV_AWS_338 rampart-dev-db-postgresql',
        'CKV_AWS_338 rampart-dev-db-upgrade',
        'CKV_AWS_338 rampart-dev-flow-logs',
      ].sort(),
    );
  });
});
