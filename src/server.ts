// Process entry point: loads config, opens the database, binds the port, shuts down gracefully on SIGTERM.
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createTokenService } from './auth/tokens';
import { ConfigError, loadConfig, type Config } from './config';
import { resolveServices } from './dev/devServices';
import { openDatabase } from './db/openDatabase';
import { migrateUp } from './db/migrate';
import { createHttpServer } from './httpServer';
import { createLifecycle } from './lifecycle';
import { createLogger } from './logger';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const services = await resolveServices(config, logger);
  const { databaseUrl, jwtSecret } = services;
  const db = openDatabase(config.database, databaseUrl);
  if (!config.isProduction) {
    // Production migrates as a separate step (npm run db:migrate) before new tasks serve.
    await migrateUp(db.sequelize, logger);
  }

  const lifecycle = createLifecycle();
  const tokens = createTokenService({
    ...config.jwt,
    secret: jwtSecret,
    external: config.jwks && { jwksUrl: config.jwks.url, issuer: config.jwks.issuer, audience: config.jwks.audience },
  });
  const app = createApp({ config, db, logger, tokens, lifecycle });
  const server = createHttpServer(app, config).listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, env: config.env }, `Rampart API listening on http://${config.host}:${port}`);

  const shutdown = (signal: string) => {
    if (lifecycle.shuttingDown) return;
    lifecycle.shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const deadline = setTimeout(() => {
      logger.error('grace period over: closing remaining connections');
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    deadline.unref();
    server.close(async () => {
      clearTimeout(deadline);
      await db.close().catch((err: unknown) => logger.error({ err }, 'closing the database pool failed'));
      await services.stop().catch((err: unknown) => logger.error({ err }, 'stopping dev services failed'));
      logger.info('shutdown complete');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Rampart failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
