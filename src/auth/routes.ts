// /api/auth: signup, signin, the caller's own record, sign-out (this browser or everywhere), password change.
import { Router, type RequestHandler, type Response } from 'express';
import { UniqueConstraintError } from 'sequelize';
import { ValidationError, problem } from '../http/errors';
import { noStore } from '../http/noStore';
import { withInput } from '../http/validate';
import type { Logger } from '../logger';
import { toPublicUser, type User, type UserModel } from '../users/model';
import { passwordProblem } from './passwordPolicy';
import { hashPassword, type PasswordVerifier } from './passwords';
import { assertTrustedOrigin, currentUser } from './requireAuth';
import { passwordChangeBody, sessionQuery, signinBody, signupBody } from './schemas';
import type { SessionCookie } from './sessionCookie';
import type { TokenService } from './tokens';

export interface AuthRouterDeps {
  users: UserModel;
  tokens: TokenService;
  passwords: PasswordVerifier;
  bcryptRounds: number;
  logger: Logger;
  requireAuth: RequestHandler;
  /** The credential limit (createCredentialLimit), on the routes that guess or create credentials. */
  rateLimit: RequestHandler;
  sessionCookie: SessionCookie;
  trustedOrigins: readonly string[];
}

export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { users, tokens, passwords, logger, sessionCookie, trustedOrigins } = deps;
  const router = Router();
  // Sessions, tokens and the caller's record: nothing under /api/auth may be cached.
  router.use(noStore);

  /** Answers with the user and their token: in the body (default) or in the session cookie. */
  async function sendSession(res: Response, user: User, status: number, useCookie: boolean) {
    const token = await tokens.issue(user);
    if (useCookie) {
      sessionCookie.set(res, token);
      res.status(status).json({ user: toPublicUser(user) });
    } else {
      res.status(status).json({ user: toPublicUser(user), token });
    }
  }

  router.post(
    '/signup',
    deps.rateLimit,
    withInput({ query: sessionQuery, body: signupBody }, async ({ query, body }, req, res) => {
      const useCookie = query.session === 'cookie';
      if (useCookie) assertTrustedOrigin(req, trustedOrigins);
      const passwordHash = await hashPassword(body.password, deps.bcryptRounds);
      let user: User;
      try {
        user = await users.create({ email: body.email, name: body.name, password_hash: passwordHash });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw problem('EMAIL_TAKEN');
        throw err;
      }
      await sendSession(res, user, 201, useCookie);
    }),
  );

  router.post(
    '/signin',
    deps.rateLimit,
    withInput({ query: sessionQuery, body: signinBody }, async ({ query, body }, req, res) => {
      const useCookie = query.session === 'cookie';
      if (useCookie) assertTrustedOrigin(req, trustedOrigins);
      const user = await users.findOne({ where: { email: body.email } });
      // Unknown emails are compared against a dummy hash, so both failures cost the same time.
      if (!(await passwords.verify(body.password, user?.password_hash ?? undefined))) {
        logger.warn(
          { event: 'auth.signin_failed', email: body.email, ip: req.ip, reqId: req.id, knownUser: Boolean(user) },
          'sign-in failed',
        );
        throw problem('INVALID_CREDENTIALS');
      }
      await sendSession(res, user as User, 200, useCookie);
    }),
  );

  router.get('/me', deps.requireAuth, (req, res) => {
    res.json(toPublicUser(currentUser(req)));
  });

  /** Ends this browser's cookie session. Bearer tokens simply stop being sent by the client. */
  router.post('/signout', (_req, res) => {
    sessionCookie.clear(res);
    res.status(204).end();
  });

  /** Revokes every token issued to the caller so far, on every device. */
  router.post('/signout-all', deps.requireAuth, async (req, res) => {
    await currentUser(req).increment('token_version');
    sessionCookie.clear(res);
    logger.info({ event: 'auth.signout_all', userId: currentUser(req).id, reqId: req.id }, 'all sessions revoked');
    res.status(204).end();
  });

  router.post(
    '/password',
    deps.requireAuth,
    deps.rateLimit,
    withInput({ body: passwordChangeBody }, async ({ body }, req, res) => {
      const user = currentUser(req);
      if (!(await passwords.verify(body.current_password, user.password_hash ?? undefined))) {
        logger.warn({ event: 'auth.password_change_failed', userId: user.id, reqId: req.id }, 'wrong current password');
        throw problem('WRONG_PASSWORD');
      }
      const weakness = passwordProblem(body.new_password, user.email);
      if (weakness) throw new ValidationError([{ loc: ['body', 'new_password'], msg: weakness, type: 'value_error' }]);
      // The new hash and the bumped version land together: every earlier token dies with the old password.
      await user.update({
        password_hash: await hashPassword(body.new_password, deps.bcryptRounds),
        token_version: user.token_version + 1,
      });
      logger.info({ event: 'auth.password_changed', userId: user.id, reqId: req.id }, 'password changed');
      await sendSession(res, user, 200, req.authSource === 'cookie');
    }),
  );

  return router;
}
