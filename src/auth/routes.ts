// /api/auth: signup, signin and the caller's own record.
import { Router, type RequestHandler } from 'express';
import { UniqueConstraintError } from 'sequelize';
import { conflict, unauthorized } from '../http/errors';
import { withInput } from '../http/validate';
import type { Logger } from '../logger';
import { toPublicUser, type User, type UserModel } from '../users/model';
import { hashPassword, type PasswordVerifier } from './passwords';
import { currentUser } from './requireAuth';
import { signinBody, signupBody } from './schemas';
import type { TokenService } from './tokens';

export interface AuthRouterDeps {
  users: UserModel;
  tokens: TokenService;
  passwords: PasswordVerifier;
  bcryptRounds: number;
  logger: Logger;
  requireAuth: RequestHandler;
  rateLimit: RequestHandler;
}

export const INVALID_CREDENTIALS = 'Invalid email or password';

export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { users, tokens, passwords, logger } = deps;
  const router = Router();
  router.use(deps.rateLimit);

  const session = async (user: User) => ({ user: toPublicUser(user), token: await tokens.issue(user) });

  router.post(
    '/signup',
    withInput({ body: signupBody }, async ({ body }, _req, res) => {
      const passwordHash = await hashPassword(body.password, deps.bcryptRounds);
      let user: User;
      try {
        user = await users.create({ email: body.email, name: body.name, password_hash: passwordHash });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw conflict('Email already registered');
        throw err;
      }
      res.status(201).json(await session(user));
    }),
  );

  router.post(
    '/signin',
    withInput({ body: signinBody }, async ({ body }, req, res) => {
      const user = await users.findOne({ where: { email: body.email } });
      // Unknown emails are compared against a dummy hash, so both failures cost the same time.
      if (!(await passwords.verify(body.password, user?.password_hash))) {
        logger.warn(
          { event: 'auth.signin_failed', email: body.email, ip: req.ip, reqId: req.id, knownUser: Boolean(user) },
          'sign-in failed',
        );
        throw unauthorized(INVALID_CREDENTIALS);
      }
      res.json(await session(user as User));
    }),
  );

  router.get('/me', deps.requireAuth, (req, res) => {
    res.json(toPublicUser(currentUser(req)));
  });

  return router;
}
