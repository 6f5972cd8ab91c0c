// The rotating-password provider against a local HTTP server speaking the Secrets Manager protocol, and real PostgreSQL.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase } from '../../src/db/database';
import { DEFAULT_SECRET_CACHE_MS, secretPasswordProvider } from '../../src/db/secretPassword';
import { adminQuery, withDatabase } from '../support/testDatabase';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0123-AbCdEf';

interface SecretRequest {
  target: string | undefined;
  authorization: string | undefined;
  secretId: string;
}

/** Answers GetSecretValue with whatever `secret` holds at the time of the request. */
class FakeSecretsManager {
  readonly requests: SecretRequest[] = [];
  secret: { status: number; body: object } = { status: 200, body: {} };
  private server: Server | undefined;

  setPassword(username: string, password: string): void {
    this.secret = {
      status: 200,
      body: {
        ARN: SECRET_ARN,
        Name: 'rds!db-0123',
        SecretString: JSON.stringify({ username, password }),
        VersionId: 'v1',
      },
    };
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
        this.requests.push({
          target: req.headers['x-amz-target'] as string | undefined,
          authorization: req.headers.authorization,
          secretId: body.SecretId,
        });
        res.writeHead(this.secret.status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(this.secret.body));
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const fake = new FakeSecretsManager();
let endpoint: string;
let clock: number;

function provider(cacheMs?: number) {
  return secretPasswordProvider({
    secretArn: SECRET_ARN,
    cacheMs,
    now: () => clock,
    client: {
      endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'local-test-key' },
      maxAttempts: 1,
    },
  });
}

beforeAll(async () => {
  endpoint = await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(() => {
  fake.requests.length = 0;
  fake.setPassword('rampart', 'first-password');
  clock = 1_000_000;
});

describe('secretPasswordProvider', () => {
  it('reads the password field with a signed GetSecretValue for the configured ARN', async () => {
    await expect(provider()()).resolves.toBe('first-password');
    expect(fake.requests).toEqual([
      {
        target: 'secretsmanager.GetSecretValue',
        authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 /),
        secretId: SECRET_ARN,
      },
    ]);
  });

  it("signs for the secret's own region", async () => {
    await provider()();
    expect(fake.requests[0]!.authorization).toContain('/eu-west-1/secretsmanager/aws4_request');
  });

  it('refuses something that is not a Secrets Manager ARN before any request', () => {
    expect(() => secretPasswordProvider({ secretArn: 'rds!db-0123' })).toThrow(
      '"rds!db-0123" is not a Secrets Manager secret ARN',
    );
    expect(fake.requests).toEqual([]);
  });

  it('reuses the password for 10 seconds by default', async () => {
    const password = provider();
    await password();
    expect(DEFAULT_SECRET_CACHE_MS).toBe(10_000);
    clock += DEFAULT_SECRET_CACHE_MS - 1;
    fake.setPassword('rampart', 'rotated-password');
    await expect(password()).resolves.toBe('first-password');
    expect(fake.requests).toHaveLength(1);
  });

  it('re-reads the secret once the cache expires, picking up a rotation', async () => {
    const password = provider(30_000);
    await password();
    fake.setPassword('rampart', 'rotated-password');
    clock += 30_000;
    await expect(password()).resolves.toBe('rotated-password');
    expect(fake.requests).toHaveLength(2);
  });

  it('shares one read between concurrent new connections', async () => {
    const password = provider();
    await expect(Promise.all([password(), password(), password()])).resolves.toEqual([
      'first-password',
      'first-password',
      'first-password',
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a secret without a password field, naming the secret but not echoing it', async () => {
    fake.secret = { status: 200, body: { ARN: SECRET_ARN, SecretString: JSON.stringify({ pass: 'leaky-value' }) } };
    const error = await provider()().catch((err: unknown) => err as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`Secret ${SECRET_ARN} is not JSON with a non-empty "password" string field`);
    expect((error as Error).message).not.toContain('leaky-value');
  });

  it('rejects a secret that is not JSON without echoing it', async () => {
    fake.secret = { status: 200, body: { ARN: SECRET_ARN, SecretString: 'plain-leaky-value' } };
    await expect(provider()()).rejects.toThrow(/^Secret .* is not JSON/);
  });

  it('reports a Secrets Manager error with the secret ARN, and tries again on the next connection', async () => {
    fake.secret = {
      status: 400,
      body: { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." },
    };
    const password = provider();
    await expect(password()).rejects.toThrow(
      `Could not read the database password from secret ${SECRET_ARN} (ResourceNotFoundException: Secrets Manager can't find the specified secret.)`,
    );
    fake.setPassword('rampart', 'first-password');
    await expect(password()).resolves.toBe('first-password');
  });
});

describe('a database whose password rotates', () => {
  const role = `rampart_rotation_${randomBytes(4).toString('hex')}`;
  const server = () => process.env.RAMPART_TEST_SERVER_URL!;
  const urlFor = (password?: string) => {
    const url = new URL(withDatabase(server(), 'postgres'));
    url.username = role;
    url.password = password ?? '';
    return url.toString();
  };

  beforeAll(async () => {
    await adminQuery(server(), `CREATE ROLE ${role} LOGIN PASSWORD 'first-password'`);
  });

  afterAll(async () => {
    await adminQuery(server(), `DROP ROLE IF EXISTS ${role}`);
  });

  it('keeps connecting after the secret rotates, with no password in DATABASE_URL', async () => {
    fake.setPassword(role, 'first-password');
    const db = createDatabase({
      url: urlFor(),
      poolMax: 2,
      acquireTimeoutMs: 5_000,
      statementTimeoutMs: 5_000,
      passwordProvider: provider(),
    });
    try {
      await db.ping();

      // Rotation, as Secrets Manager does it for RDS: the role's password and the secret change together.
      await adminQuery(server(), `ALTER ROLE ${role} PASSWORD 'second-password'`);
      fake.setPassword(role, 'second-password');
      clock += DEFAULT_SECRET_CACHE_MS;
      // The open connection survives rotation; holding it in a transaction makes the pool open a second one.
      await db.sequelize.transaction(async (transaction) => {
        await db.sequelize.query('SELECT 1', { transaction });
        await db.ping();
      });
      expect(fake.requests.map((request) => request.secretId)).toEqual([SECRET_ARN, SECRET_ARN]);
    } finally {
      await db.close();
    }
  });

  it('would fail with the old password, so the rotation above is real', async () => {
    const stale = createDatabase({
      url: urlFor('first-password'),
      poolMax: 1,
      acquireTimeoutMs: 5_000,
      statementTimeoutMs: 5_000,
    });
    try {
      await expect(stale.ping()).rejects.toThrow(/password authentication failed/);
    } finally {
      await stale.close();
    }
  });
});
