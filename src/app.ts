// The composition root: builds the Express app from its dependencies. Opens nothing, reads no environment.
import { randomUUID } from 'node:crypto';
import express, { Router, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { createPasswordVerifier } from './auth/passwords';
import { createIdentityResolver } from './auth/externalIdentities';
import { createCredentialLimit } from './auth/rateLimit';
import { createRequireAuth } from './auth/requireAuth';
import { createAuthRouter } from './auth/routes';
import { createSessionCookie } from './auth/sessionCookie';
import type { TokenService } from './auth/tokens';
import type { Config } from './config';
import type { Database } from './db/database';
import { createHealthRouter } from './health/routes';
import { createErrorHandler, notFoundHandler } from './http/errorHandler';
import { corsPolicy, redirectToHttps, securityHeaders } from './http/security';
import { createLifecycle, type Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import { createApiDocsRouter } from './openapi/routes';
import { resources } from './resources';
import { defineUserModel } from './users/model';
import { createAdminUsersRouter, createProfileRouter } from './users/routes';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  tokens: TokenService;
  lifecycle?: Lifecycle;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createApp({ config, db, logger, tokens, lifecycle = createLifecycle() }: AppDeps): Express {
  const users = defineUserModel(db.sequelize);
  const sessionCookie = createSessionCookie(config.isProduction);
  const requireAuth = createRequireAuth({
    tokens,
    users,
    resolveExternal: createIdentityResolver(users),
    sessionCookie,
    trustedOrigins: config.corsOrigins,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Only what an operator needs: no headers, so no credentials or cookies, ever reach the log.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
    }),
  );
  app.use((_req, res, next) => {
    // While draining, tell keep-alive clients to reconnect elsewhere.
    if (lifecycle.shuttingDown) res.set('Connection', 'close');
    next();
  });
  app.use(redirectToHttps(config));
  app.use(securityHeaders(config));
  app.use(corsPolicy(config));
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  const api = Router();
  api.use('/health', createHealthRouter(db, lifecycle));
  api.use(
    '/auth',
    createAuthRouter({
      users,
      tokens,
      passwords: createPasswordVerifier(config.bcryptRounds),
      bcryptRounds: config.bcryptRounds,
      logger,
      requireAuth,
      rateLimit: createCredentialLimit(db.sequelize, config.authRateLimit),
      sessionCookie,
      trustedOrigins: config.corsOrigins,
    }),
  );
  api.use('/users/:userId/profile', createProfileRouter(requireAuth));
  api.use('/admin/users', createAdminUsersRouter(users, requireAuth));
  for (const resource of resources) {
    api.use(resource.path, resource.createRouter({ db, requireAuth }));
  }
  app.use('/api', api);
  app.use(createApiDocsRouter(resources));

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
