// The composition root: builds the Express app from its dependencies. Opens nothing, reads no environment.
import express, { Router, type Express } from 'express';
import { createAccountTokenStore } from './auth/accountTokens';
import { createAccounts } from './auth/accounts';
import { createPasswordVerifier } from './auth/passwords';
import { createIdentityResolver } from './auth/externalIdentities';
import { createCredentialLimit } from './auth/rateLimit';
import { createAuthenticate, createIdentify, createRequireAuth } from './auth/requireAuth';
import { createAuthRouter } from './auth/routes';
import { createSessionCookie } from './auth/sessionCookie';
import { createSessionStore } from './auth/sessions';
import type { TokenService } from './auth/tokens';
import type { Config } from './config';
import type { Database } from './db/database';
import { createHealthRouter } from './health/routes';
import { createErrorHandler, notFoundHandler } from './http/errorHandler';
import { requestLog } from './http/requestLog';
import { corsPolicy, redirectToHttps, securityHeaders } from './http/security';
import { createLifecycle, type Lifecycle } from './lifecycle';
import type { Logger } from './logger';
import { createMailer, type Mailer } from './mail/mailer';
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
  /** Built from config.mail when not given; tests pass theirs to wait for deliveries. */
  mailer?: Mailer;
}

export function createApp(deps: AppDeps): Express {
  const { config, db, logger, tokens, lifecycle = createLifecycle() } = deps;
  const users = defineUserModel(db.sequelize);
  const sessions = createSessionStore(users);
  const sessionCookie = createSessionCookie(config.httpsOnly);
  const authenticate = createAuthenticate({
    tokens,
    sessions,
    resolveExternal: createIdentityResolver(users),
    sessionCookie,
    trustedOrigins: config.corsOrigins,
  });
  const requireAuth = createRequireAuth(authenticate, config.accounts.requireVerifiedEmail);
  const identify = createIdentify(authenticate, sessionCookie);
  const accounts = createAccounts({
    users,
    sessions,
    accountTokens: createAccountTokenStore(db.sequelize),
    tokens,
    passwords: createPasswordVerifier(config.bcryptRounds),
    bcryptRounds: config.bcryptRounds,
    mailer: deps.mailer ?? createMailer(config.mail, logger),
    settings: config.accounts,
    appName: config.mail.appName,
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);

  app.use(requestLog(logger));
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
      accounts,
      authenticate,
      requireSession: createRequireAuth(authenticate),
      rateLimit: createCredentialLimit(db.sequelize, config.authRateLimit),
      sessionCookie,
      trustedOrigins: config.corsOrigins,
      localAccounts: config.accounts.local,
    }),
  );
  api.use('/users/:userId/profile', createProfileRouter(requireAuth));
  api.use('/admin/users', createAdminUsersRouter(users, requireAuth));
  for (const resource of resources) {
    api.use(resource.path, resource.createRouter({ db, requireAuth, identify }));
  }
  app.use('/api', api);
  app.use(createApiDocsRouter(resources, { localAccounts: config.accounts.local }));

  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
