// /api/auth: thin routes over the account use-cases; they pick cookie or body and the status, nothing more.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { Problem, problem } from '../http/errors';
import { noStore } from '../http/noStore';
import { withInput } from '../http/validate';
import { toPublicUser } from '../users/model';
import type { Accounts, Caller, SignedIn } from './accounts';
import { assertTrustedOrigin, currentUser, type Authenticate } from './requireAuth';
import {
  forgotPasswordBody,
  passwordChangeBody,
  profileChangeBody,
  resetPasswordBody,
  sessionParams,
  sessionQuery,
  signinBody,
  signupBody,
  verifyEmailBody,
} from './schemas';
import type { SessionCookie } from './sessionCookie';

export interface AuthRouterDeps {
  accounts: Accounts;
  authenticate: Authenticate;
  /** requireAuth without the verified-email rule: unverified users must still reach these routes. */
  requireSession: RequestHandler;
  /** The credential limit (createCredentialLimit), on the routes that guess or create credentials or send mail. */
  rateLimit: RequestHandler;
  sessionCookie: SessionCookie;
  trustedOrigins: readonly string[];
  /** LOCAL_ACCOUNTS: without them, only the routes an external issuer's users need are mounted. */
  localAccounts: boolean;
}

/** The same answer whether or not the account exists. */
export const RESET_REQUESTED = 'If an account has this email, a reset link is on its way';
export const VERIFICATION_REQUESTED = 'A verification link is on its way';

const callerOf = (req: Request): Caller => ({ ip: req.ip, userAgent: req.get('user-agent'), reqId: req.id });

export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { accounts, requireSession, sessionCookie, trustedOrigins } = deps;
  const router = Router();
  // Sessions, tokens and the caller's record: nothing under /api/auth may be cached.
  router.use(noStore);

  /** Answers with the user and their token: in the body (default) or in the session cookie. */
  function sendSession(res: Response, { user, token }: SignedIn, status: number, useCookie: boolean) {
    if (useCookie) {
      sessionCookie.set(res, token);
      res.status(status).json({ user: toPublicUser(user) });
    } else {
      res.status(status).json({ user: toPublicUser(user), token });
    }
  }

  /** `?session=cookie` asks for the cookie, which only trusted origins may set. */
  function wantsCookie(req: Request, session: 'cookie' | undefined): boolean {
    if (session === 'cookie') assertTrustedOrigin(req, trustedOrigins);
    return session === 'cookie';
  }

  router.get('/me', requireSession, (req, res) => {
    res.json(toPublicUser(currentUser(req)));
  });

  /** Ends the caller's session server-side (its token stops working) and clears the cookie. */
  router.post('/signout', async (req, res) => {
    try {
      await deps.authenticate(req);
    } catch (err) {
      // No live session to end (none sent, or already signed out): clearing the cookie is all there is to do.
      if (!(err instanceof Problem && err.status === 401)) throw err;
    }
    if (req.user && !req.authSession) throw problem('EXTERNAL_ACCOUNT');
    if (req.user && req.authSession) await accounts.endSession(req.user, req.authSession.id);
    sessionCookie.clear(res);
    res.status(204).end();
  });

  /** Ends every session of the caller, on every device. */
  router.post('/signout-all', requireSession, async (req, res) => {
    await accounts.signOutEverywhere(currentUser(req), callerOf(req));
    sessionCookie.clear(res);
    res.status(204).end();
  });

  router.get('/sessions', requireSession, async (req, res) => {
    res.json(await accounts.listSessions(currentUser(req), req.authSession?.id));
  });

  router.delete(
    '/sessions/:id',
    requireSession,
    withInput({ params: sessionParams }, async ({ params }, req, res) => {
      await accounts.endSession(currentUser(req), params.id);
      res.status(204).end();
    }),
  );

  if (deps.localAccounts) mountLocalAccounts();

  /** Signup, signin, password change and reset, email verification and change: accounts with a password. */
  function mountLocalAccounts() {
    router.post(
      '/signup',
      deps.rateLimit,
      withInput({ query: sessionQuery, body: signupBody }, async ({ query, body }, req, res) => {
        const useCookie = wantsCookie(req, query.session);
        sendSession(res, await accounts.signUp(body, callerOf(req)), 201, useCookie);
      }),
    );

    router.post(
      '/signin',
      deps.rateLimit,
      withInput({ query: sessionQuery, body: signinBody }, async ({ query, body }, req, res) => {
        const useCookie = wantsCookie(req, query.session);
        sendSession(res, await accounts.signIn(body, callerOf(req)), 200, useCookie);
      }),
    );

    router.patch(
      '/me',
      requireSession,
      deps.rateLimit,
      withInput({ body: profileChangeBody }, async ({ body }, req, res) => {
        res.json(toPublicUser(await accounts.updateProfile(currentUser(req), body, callerOf(req))));
      }),
    );

    router.post(
      '/password',
      requireSession,
      deps.rateLimit,
      withInput({ body: passwordChangeBody }, async ({ body }, req, res) => {
        const signedIn = await accounts.changePassword(currentUser(req), req.authSession?.id, body, callerOf(req));
        sendSession(res, signedIn, 200, req.authSource === 'cookie');
      }),
    );

    router.post(
      '/password/forgot',
      deps.rateLimit,
      withInput({ body: forgotPasswordBody }, async ({ body }, req, res) => {
        await accounts.forgotPassword(body.email, callerOf(req));
        res.status(202).json({ detail: RESET_REQUESTED });
      }),
    );

    router.post(
      '/password/reset',
      deps.rateLimit,
      withInput({ query: sessionQuery, body: resetPasswordBody }, async ({ query, body }, req, res) => {
        const useCookie = wantsCookie(req, query.session);
        sendSession(res, await accounts.resetPassword(body.token, body.new_password, callerOf(req)), 200, useCookie);
      }),
    );

    router.post('/email/verify-request', requireSession, deps.rateLimit, async (req, res) => {
      await accounts.requestVerification(currentUser(req), callerOf(req));
      res.status(202).json({ detail: VERIFICATION_REQUESTED });
    });

    router.post(
      '/email/verify',
      deps.rateLimit,
      withInput({ body: verifyEmailBody }, async ({ body }, req, res) => {
        res.json({ user: toPublicUser(await accounts.verifyEmail(body.token, callerOf(req))) });
      }),
    );
  }

  return router;
}
