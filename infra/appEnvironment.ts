// The containers' plain environment (src/config.ts reads it); secret values never appear here, only ARNs.
import * as pulumi from '@pulumi/pulumi';
import type { StackConfig } from './config';
import { APP_PORT, RDS_CA_BUNDLE_PATH, SHUTDOWN_TIMEOUT_MS } from './container';

export interface DatabaseConnection {
  address: pulumi.Input<string>;
  port: pulumi.Input<number>;
  databaseName: string;
  /** The master user, which owns the schema and migrates it. */
  username: string;
  /** The API's user, signing in with IAM tokens. */
  appUsername: string;
  /** The migrate step reads the master password from this secret before each new connection. */
  masterSecretArn: pulumi.Input<string>;
}

/** No password in the URL; verify-full checks the RDS certificate against the bundle baked into the image. */
const databaseUrl = (db: DatabaseConnection, user: string) =>
  pulumi.interpolate`postgres://${user}@${db.address}:${db.port}/${db.databaseName}?sslmode=verify-full&sslrootcert=${RDS_CA_BUNDLE_PATH}`;

const common = (config: StackConfig): Record<string, pulumi.Input<string>> => ({
  NODE_ENV: 'production',
  LOG_LEVEL: config.app.logLevel,
});

/** The API: its own database user with an IAM token per connection, so it holds no database password. */
export function apiEnvironment(config: StackConfig, db: DatabaseConnection): Record<string, pulumi.Input<string>> {
  const environment: Record<string, pulumi.Input<string>> = {
    ...common(config),
    PORT: String(APP_PORT),
    DATABASE_URL: databaseUrl(db, db.appUsername),
    DATABASE_IAM_AUTH_REGION: config.region,
    JWT_ISSUER: config.app.jwtIssuer,
    JWT_AUDIENCE: config.app.jwtAudience,
    JWT_EXPIRES_IN: config.app.jwtExpiresIn,
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  };
  if (config.app.corsOrigins) environment.CORS_ORIGINS = config.app.corsOrigins;
  return environment;
}

/** The migrate step: the schema owner, its rotating password, and the API role it creates and grants. */
export function migrateEnvironment(config: StackConfig, db: DatabaseConnection): Record<string, pulumi.Input<string>> {
  return {
    ...common(config),
    DATABASE_URL: databaseUrl(db, db.username),
    DATABASE_PASSWORD_SECRET_ARN: db.masterSecretArn,
    DATABASE_APP_ROLE: db.appUsername,
  };
}
