// Signs an RDS IAM authentication token as the connection password, so the API holds no database password at all.
import { Signer, type SignerConfig } from '@aws-sdk/rds-signer';

export interface IamTokenOptions {
  /** DATABASE_URL: its host, port and user are what the token is signed for. */
  url: string;
  region: string;
  /** Credentials and so on; by default the SDK chain (the ECS task role, which may `rds-db:connect` as that user). */
  signer?: Partial<SignerConfig>;
}

/**
 * Builds a `passwordProvider` for createDatabase: a fresh token for every new connection. Tokens live 15 minutes
 * but only matter at connect time; signing is local (credentials are cached by the SDK), so there is nothing to cache.
 */
export function iamTokenProvider(options: IamTokenOptions): () => Promise<string> {
  const url = new URL(options.url);
  const username = decodeURIComponent(url.username);
  if (!username) throw new Error('DATABASE_URL must name the database user that IAM authentication signs in as');
  const signer = new Signer({
    hostname: url.hostname,
    port: Number(url.port || 5432),
    username,
    region: options.region,
    ...options.signer,
  });
  return async () => {
    try {
      return await signer.getAuthToken();
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new Error(`Could not sign an RDS IAM token for ${username}@${url.hostname} (${reason})`, { cause: err });
    }
  };
}
