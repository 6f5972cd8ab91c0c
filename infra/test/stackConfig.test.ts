// Stack settings are validated in one place: a missing or invalid one fails with a message naming it.
import * as pulumi from '@pulumi/pulumi';
import { loadStackConfig, parseStackConfig, StackConfigError, STACK_CONFIG_KEYS, type RawStackConfig } from '../config';
import { TEST_CERTIFICATE_ARN, TEST_IMAGE, stackSettings, unqualified } from './mockedProgram';

const dev = () => unqualified(stackSettings('dev'));
const prod = () => ({ ...unqualified(stackSettings('prod')), certificateArn: TEST_CERTIFICATE_ARN });

function problemsOf(raw: RawStackConfig): string[] {
  try {
    parseStackConfig('test', raw);
  } catch (err) {
    if (err instanceof StackConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('stack configuration', () => {
  it('accepts both committed stack files', () => {
    expect(parseStackConfig('dev', dev()).database.multiAz).toBe(false);
    expect(parseStackConfig('prod', prod()).database).toMatchObject({ multiAz: true, deletionProtection: true });
  });

  it('reads every key the stack files set, and nothing it does not know', () => {
    for (const stack of ['dev', 'prod']) {
      const unknown = Object.keys(unqualified(stackSettings(stack))).filter(
        (key) => key !== 'aws:region' && !STACK_CONFIG_KEYS.includes(key),
      );
      expect(unknown).toEqual([]);
    }
  });

  it('defaults to production-safe settings when only the region and a certificate are set', () => {
    const config = parseStackConfig('bare', { 'aws:region': 'eu-west-1', certificateArn: TEST_CERTIFICATE_ARN });
    expect(config.database).toMatchObject({
      multiAz: true,
      deletionProtection: true,
      finalSnapshot: true,
      engineVersion: '16',
      parameterGroupFamily: 'postgres16',
    });
    expect(config.database.backupRetentionDays).toBeGreaterThanOrEqual(7);
    expect(config.network.natGateways).toBe('perAz');
    expect(config.service).toMatchObject({ minTasks: 2, logRetentionDays: 365 });
  });

  it.each([
    ['a missing region', { 'aws:region': undefined }, 'aws:region is required'],
    ['an image pinned by tag', { image: 'rampart:latest' }, 'rampart:image must be an image pinned by digest'],
    ['PostgreSQL 15', { dbEngineVersion: '15' }, 'rampart:dbEngineVersion must be PostgreSQL 16 or newer'],
    ['3 days of backups', { dbBackupRetentionDays: '3' }, 'rampart:dbBackupRetentionDays must be at least 7'],
    ['a non-boolean', { dbMultiAz: 'yes' }, 'rampart:dbMultiAz must be true or false'],
    ['an unsupported log retention', { logRetentionDays: '10' }, 'rampart:logRetentionDays must be one of'],
    ['fewer max than min tasks', { minTasks: '3', maxTasks: '2' }, 'rampart:maxTasks must be at least minTasks (3)'],
    ['memory Fargate does not offer', { taskCpu: '256', taskMemory: '4096' }, 'rampart:taskMemory must be 512-2048'],
    ['a CPU size Fargate does not offer', { taskCpu: '300' }, 'rampart:taskCpu must be one of'],
    ['a bad NAT layout', { natGateways: 'none' }, 'rampart:natGateways must be single or perAz'],
    ['a CIDR that is not a /16', { vpcCidr: '10.0.0.0/24' }, 'rampart:vpcCidr must be an IPv4 /16 block'],
    ['a non-number', { minTasks: 'two' }, 'rampart:minTasks must be a number'],
    [
      'a storage ceiling below the allocation',
      { dbAllocatedStorageGb: '100', dbMaxAllocatedStorageGb: '90' },
      'rampart:dbMaxAllocatedStorageGb must be at least 110: RDS needs the autoscaling ceiling 10% above dbAllocatedStorageGb (100)',
    ],
    [
      'a storage ceiling less than 10% above the allocation',
      { dbAllocatedStorageGb: '100', dbMaxAllocatedStorageGb: '109' },
      'rampart:dbMaxAllocatedStorageGb must be at least 110',
    ],
    ['an origin with a path', { corsOrigins: 'https://app.example.com/login' }, 'rampart:corsOrigins must be a comma'],
  ])('rejects %s, naming the setting', (_label, change, message) => {
    expect(problemsOf({ ...dev(), image: TEST_IMAGE, ...change }).join('\n')).toContain(message);
  });

  it('requires a certificate while HTTPS is required, as prod does', () => {
    const { certificateArn: _dropped, ...withoutCertificate } = prod();
    expect(problemsOf(withoutCertificate)).toEqual([
      'rampart:certificateArn is required while requireHttps is true (set it, or set domainName and hostedZoneId to have one issued, or set requireHttps: false for a dev stack)',
    ]);
  });

  it('accepts a domain and hosted zone in place of a certificate, but not a zone without a domain', () => {
    const { certificateArn: _dropped, ...withoutCertificate } = prod();
    const config = parseStackConfig('prod', {
      ...withoutCertificate,
      domainName: 'api.example.com',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    });
    expect(config.service).toMatchObject({ https: true, certificateArn: undefined, domainName: 'api.example.com' });
    expect(problemsOf({ ...prod(), hostedZoneId: 'Z0123456789ABCDEFGHIJ' })).toEqual([
      'rampart:domainName is required when hostedZoneId is set',
    ]);
    expect(problemsOf({ ...prod(), hostedZoneId: 'zone-1' }).join('\n')).toContain(
      'rampart:hostedZoneId must be a Route 53 hosted zone id',
    );
  });

  it('accepts a storage ceiling exactly 10% above the allocation, rounded up', () => {
    const config = parseStackConfig('dev', { ...dev(), dbAllocatedStorageGb: '25', dbMaxAllocatedStorageGb: '28' });
    expect(config.database).toMatchObject({ allocatedStorageGb: 25, maxAllocatedStorageGb: 28 });
    expect(problemsOf({ ...dev(), dbAllocatedStorageGb: '25', dbMaxAllocatedStorageGb: '27' })).toEqual([
      'rampart:dbMaxAllocatedStorageGb must be at least 28: RDS needs the autoscaling ceiling 10% above dbAllocatedStorageGb (25)',
    ]);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ ...dev(), minTasks: '0', dbInstanceClass: 'large' })).toEqual([
      'rampart:dbInstanceClass must be an RDS instance class such as db.t4g.small',
      'rampart:minTasks must be at least 1',
    ]);
  });

  it("reads the stack through Pulumi's config API and stops `pulumi up` with a RunError naming the setting", async () => {
    pulumi.runtime.setAllConfig({ ...stackSettings('dev'), 'rampart:minTasks': '0' });
    await pulumi.runtime.setMocks(
      {
        newResource: () => {
          throw new Error('config validation must fail before any resource');
        },
        call: () => ({}),
      },
      'rampart',
      'dev',
    );
    expect(() => loadStackConfig()).toThrow(pulumi.RunError);
    expect(() => loadStackConfig()).toThrow(/Pulumi\.dev\.yaml[\s\S]*rampart:minTasks must be at least 1/);
    pulumi.runtime.setAllConfig({ ...stackSettings('dev'), 'rampart:image': TEST_IMAGE });
    expect(loadStackConfig()).toMatchObject({ stack: 'dev', image: TEST_IMAGE, region: 'eu-west-1' });
  });

  it('says which stack file to fix', () => {
    expect(() => parseStackConfig('dev', { ...dev(), dbEngineVersion: '14' })).toThrow(
      /Invalid stack configuration \(Pulumi\.dev\.yaml\):\n {2}- rampart:dbEngineVersion must be PostgreSQL 16 or newer/,
    );
  });
});
