// Reads the database password from a Secrets Manager secret (the RDS-managed, rotating one) for each new connection.
import {
  GetSecretValueCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';

export interface SecretPasswordOptions {
  /** ARN of a JSON secret with a `password` field, as RDS `manageMasterUserPassword` creates. */
  secretArn: string;
  /**
   * How long a password read is reused. RDS rotates in place, so new connections may fail for at most this long
   * after a rotation; ten seconds keeps that window short and Secrets Manager calls rare (pooled connections
   * are reused, and one read serves every connection opened within the window).
   */
  cacheMs?: number;
  /** Endpoint, credentials and so on; the region defaults to the ARN's, credentials to the SDK chain (the ECS task role). */
  client?: SecretsManagerClientConfig;
  /** Milliseconds clock; injectable so tests can expire the cache without waiting. */
  now?: () => number;
}

export const DEFAULT_SECRET_CACHE_MS = 10_000;
/** arn:<partition>:secretsmanager:<region>:<account>:secret:<name>; the region is captured. */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\d{12}:secret:.+$/;

/** Builds a `passwordProvider` for createDatabase: cached briefly, re-read once the cache expires. */
export function secretPasswordProvider(options: SecretPasswordOptions): () => Promise<string> {
  const region = SECRET_ARN.exec(options.secretArn)?.[1];
  if (!region) throw new Error(`"${options.secretArn}" is not a Secrets Manager secret ARN`);
  const client = new SecretsManagerClient({ region, ...options.client });
  const cacheMs = options.cacheMs ?? DEFAULT_SECRET_CACHE_MS;
  const now = options.now ?? Date.now;
  let cached: { password: string; readAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function read(): Promise<string> {
    let secretString: string | undefined;
    try {
      const response = await client.send(new GetSecretValueCommand({ SecretId: options.secretArn }));
      secretString = response.SecretString;
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new Error(`Could not read the database password from secret ${options.secretArn} (${reason})`, {
        cause: err,
      });
    }
    const password = passwordFrom(secretString);
    if (password === undefined) {
      throw new Error(`Secret ${options.secretArn} is not JSON with a non-empty "password" string field`);
    }
    cached = { password, readAt: now() };
    return password;
  }

  return async () => {
    if (cached && now() - cached.readAt < cacheMs) return cached.password;
    // A burst of new pool connections shares one read.
    inFlight ??= read().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

function passwordFrom(secretString: string | undefined): string | undefined {
  if (!secretString) return undefined;
  try {
    const parsed = JSON.parse(secretString) as { password?: unknown };
    return typeof parsed.password === 'string' && parsed.password.length > 0 ? parsed.password : undefined;
  } catch {
    // The message must not echo the secret, so a parse error is reported as "not JSON" by the caller.
    return undefined;
  }
}
