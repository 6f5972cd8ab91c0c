// The API container's plain environment (src/config.ts reads it); secret values never appear here, only ARNs.
import * as pulumi from '@pulumi/pulumi';
import type { StackConfig } from './config';
import { APP_PORT, RDS_CA_BUNDLE_PATH, SHUTDOWN_TIMEOUT_MS } from './container';

export interface DatabaseConnection {
  address: pulumi.Input<string>;
  port: pulumi.Input<number>;
  databaseName: string;
  username: string;
  /** The app reads the password from this secret before each new connection, so rotation needs no redeploy. */
  masterSecretArn: pulumi.Input<string>;
}

export function apiEnvironment(config: StackConfig, db: DatabaseConnection): Record<string, pulumi.Input<string>> {
  const environment: Record<string, pulumi.Input<string>> = {
    NODE_ENV: 'production',
    PORT: String(APP_PORT),
    // No password in the URL: it comes from DATABASE_PASSWORD_SECRET_ARN. verify-full checks the RDS certificate.
    DATABASE_URL: pulumi.interpolate`postgres://${db.username}@${db.address}:${db.port}/${db.databaseName}?sslmode=verify-full&sslrootcert=${RDS_CA_BUNDLE_PATH}`,
    DATABASE_PASSWORD_SECRET_ARN: db.masterSecretArn,
    JWT_ISSUER: config.app.jwtIssuer,
    JWT_AUDIENCE: config.app.jwtAudience,
    JWT_EXPIRES_IN: config.app.jwtExpiresIn,
    LOG_LEVEL: config.app.logLevel,
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  };
  if (config.app.corsOrigins) environment.CORS_ORIGINS = config.app.corsOrigins;
  return environment;
}
