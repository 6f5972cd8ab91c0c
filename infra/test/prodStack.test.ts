// The prod stack (Pulumi.prod.yaml) under Pulumi's mocks: every shared property, plus its hardening.
import { AUTH_PATH_PREFIX, TLS_POLICY } from '../loadBalancer';
import { runProgram, TEST_CERTIFICATE_ARN, TEST_IMAGE, type ProgramRun } from './mockedProgram';
import { advisoryFindings, describeStackInvariants, idOf, types as T } from './stackInvariants';

const overrides = {
  'rampart:image': TEST_IMAGE,
  'rampart:certificateArn': TEST_CERTIFICATE_ARN,
  'rampart:domainName': 'api.example.com',
};
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram('prod', overrides);
});

describe('prod stack', () => {
  describeStackInvariants('prod', overrides, () => run);

  it('gives each private subnet the NAT gateway of its own zone', () => {
    const nats = run.ofType(T.nat);
    expect(nats).toHaveLength(2);
    const targets = run
      .ofType(T.routeTable)
      .filter((table) => table.name.includes('-private-'))
      .map((table) => table.inputs.routes[0].natGatewayId);
    expect(targets.sort()).toEqual(nats.map(idOf).sort());
  });

  it('runs a Multi-AZ database with deletion protection and a final snapshot', () => {
    const db = run.one(T.db).inputs;
    expect(db).toMatchObject({ multiAz: true, deletionProtection: true, skipFinalSnapshot: false });
    expect(db.finalSnapshotIdentifier).toMatch(/^rampart-prod-db-final$/);
    expect(db.backupRetentionPeriod).toBe(14);
  });

  it('serves HTTPS with a TLS 1.2+/1.3 policy and redirects HTTP to it', () => {
    const listeners = Object.fromEntries(
      run.ofType(T.listener).map((listener) => [listener.inputs.port, listener.inputs]),
    );
    expect(listeners[443]).toMatchObject({
      protocol: 'HTTPS',
      sslPolicy: TLS_POLICY,
      certificateArn: TEST_CERTIFICATE_ARN,
      defaultActions: [expect.objectContaining({ type: 'forward' })],
    });
    expect(TLS_POLICY).toMatch(/TLS13-1-2/);
    expect(listeners[80]).toMatchObject({
      protocol: 'HTTP',
      defaultActions: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
    });
    expect(run.outputs.serviceUrl).toBe('https://api.example.com');
  });

  it('protects the load balancer from deletion and keeps logs for a year', () => {
    expect(run.one(T.loadBalancer).inputs.enableDeletionProtection).toBe(true);
    expect(run.ofType(T.logGroup).map((group) => group.inputs.retentionInDays)).toEqual([365, 365, 365, 365]);
  });

  it('puts AWS WAF on the load balancer: managed common and bad-input rules, and a rate limit on the auth routes', () => {
    const acl = run.one(T.webAcl).inputs;
    expect(acl).toMatchObject({ scope: 'REGIONAL', defaultAction: { allow: {} } });
    expect(acl.rules.map((rule: { name: string }) => rule.name)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'auth-rate-limit',
    ]);
    expect(acl.rules[2]).toMatchObject({
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit: 100,
          aggregateKeyType: 'IP',
          scopeDownStatement: {
            byteMatchStatement: { searchString: AUTH_PATH_PREFIX, positionalConstraint: 'STARTS_WITH' },
          },
        },
      },
    });
    expect(run.one(T.webAclAssociation).inputs).toEqual({
      resourceArn: run.one(T.loadBalancer).state.arn,
      webAclArn: run.one(T.webAcl).state.arn,
    });
  });

  it('passes the advisory policies too', () => {
    expect(advisoryFindings(run)).toEqual([]);
  });
});
