// The API's per-connection password on AWS: an RDS IAM token signed for DATABASE_URL's user, host and port.
import { loadConfig } from '../../src/config';
import { iamTokenProvider } from '../../src/db/iamAuthToken';
import { passwordProvider } from '../../src/db/openDatabase';

const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE12', secretAccessKey: 'example-secret-access-key' };

describe('RDS IAM token provider', () => {
  it('signs a connect token for the URL user at the URL host and port, in the configured region', async () => {
    const token = iamTokenProvider({
      url: 'postgres://rampart_app@db.c0ffee.eu-west-1.rds.amazonaws.com:5433/rampart?sslmode=verify-full',
      region: 'eu-west-1',
      signer: { credentials },
    });
    const signed = new URL(`https://${await token()}`);
    expect(signed.host).toBe('db.c0ffee.eu-west-1.rds.amazonaws.com:5433');
    expect(signed.searchParams.get('Action')).toBe('connect');
    expect(signed.searchParams.get('DBUser')).toBe('rampart_app');
    expect(signed.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIAEXAMPLEEXAMPLE12\/\d{8}\/eu-west-1\/rds-db\/aws4_request$/,
    );
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a fresh token for each new connection rather than reusing one', async () => {
    const token = iamTokenProvider({
      url: 'postgres://rampart_app@db.example.com/rampart',
      region: 'eu-west-1',
      signer: { credentials },
    });
    const first = await token();
    // X-Amz-Date has one-second resolution.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await token()).not.toBe(first);
  });

  it('refuses a URL without a user to sign for', () => {
    expect(() => iamTokenProvider({ url: 'postgres://db.example.com/rampart', region: 'eu-west-1' })).toThrow(
      'DATABASE_URL must name the database user',
    );
  });

  it('is what openDatabase uses when DATABASE_IAM_AUTH_REGION is set, with the SDK credential chain', async () => {
    const url = 'postgres://rampart_app@db.c0ffee.eu-west-1.rds.amazonaws.com:5432/rampart';
    const config = loadConfig({ DATABASE_URL: url, DATABASE_IAM_AUTH_REGION: 'eu-west-1' });
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, key: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    try {
      const password = await passwordProvider(config.database, url)!();
      const signed = new URL(`https://${password}`);
      expect(signed.searchParams.get('DBUser')).toBe('rampart_app');
      expect(signed.searchParams.get('X-Amz-Credential')).toMatch(/^AKIAEXAMPLEEXAMPLE12\/\d{8}\/eu-west-1\/rds-db\//);
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.key === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.key;
    }
    expect(passwordProvider(loadConfig({ DATABASE_URL: url }).database, url)).toBeUndefined();
  });
});
