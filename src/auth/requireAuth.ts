// JWT middleware: a valid token (Authorization header, else the session cookie) of a live session, or 401.
import type { Request, RequestHandler } from 'express';
import { problem } from '../http/errors';
import { preventCaching } from '../http/noStore';
import type { User } from '../users/model';
import type { IdentityResolver } from './externalIdentities';
import type { SessionCookie } from './sessionCookie';
import type { ActiveSession, SessionStore } from './sessions';
import { TokenRejected, type TokenService, type VerifiedToken } from './tokens';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requireAuth: the caller, freshly read from the database (for our tokens, without the password hash). */
    user?: User;
    /** Where the caller's token came from; cookie-authenticated writes need an allowed Origin. */
    authSource?: 'header' | 'cookie';
    /** Set by requireAuth for Rampart's own tokens: the server-side session the token names. */
    authSession?: ActiveSession;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequireAuthDeps {
  tokens: TokenService;
  sessions: SessionStore;
  resolveExternal: IdentityResolver;
  sessionCookie: SessionCookie;
  /** Origins trusted to send cookie-authenticated writes (CORS_ORIGINS). */
  trustedOrigins: readonly string[];
}

/**
 * The request's Origin, or the origin of its Referer when the request has no Origin header at all.
 * `Origin: null` (sandboxed frames, some redirects) or an empty one is an answer, and never a trusted one.
 */
function requestOrigin(req: Request): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) return origin;
  try {
    return req.headers.referer ? new URL(req.headers.referer).origin : undefined;
  } catch {
    return undefined;
  }
}

/** CSRF defence for cookie sessions: a state-changing request must come from a trusted origin. */
export function assertTrustedOrigin(req: Request, trustedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = requestOrigin(req);
  if (!origin || !trustedOrigins.includes(origin)) throw problem('CROSS_SITE_REFUSED');
}

/** Authenticates a request (sets req.user, req.authSource and, for our tokens, req.authSession) or throws 401. */
export type Authenticate = (req: Request) => Promise<void>;

export function createAuthenticate(deps: RequireAuthDeps): Authenticate {
  const { tokens, sessions, resolveExternal, sessionCookie, trustedOrigins } = deps;
  return async (req) => {
    const header = req.headers.authorization;
    let token: string | undefined;
    if (header !== undefined) {
      token = BEARER.exec(header)?.[1];
      req.authSource = 'header';
    } else {
      token = sessionCookie.read(req);
      req.authSource = 'cookie';
    }
    if (!token) throw problem('MISSING_CREDENTIALS');
    if (req.authSource === 'cookie') assertTrustedOrigin(req, trustedOrigins);

    let verified: VerifiedToken;
    try {
      verified = await tokens.verify(token);
    } catch (err) {
      if (err instanceof TokenRejected) throw problem(err.reason === 'expired' ? 'TOKEN_EXPIRED' : 'INVALID_TOKEN');
      throw err;
    }
    if (verified.kind === 'local') {
      // One statement reads the session and its user: sign-outs, deletions and role changes take effect at once.
      const session = await sessions.findActive(verified.sessionId, verified.userId);
      if (!session) throw problem('INVALID_TOKEN');
      await sessions.touch(session);
      req.authSession = session;
      req.user = session.user;
      return;
    }
    const user = await resolveExternal(verified);
    // The external issuer's tokens cannot be recalled there, so sign-out-everywhere dates them instead.
    if (!user || (user.revoked_before && verified.issuedAt * 1000 <= user.revoked_before.getTime())) {
      throw problem('INVALID_TOKEN');
    }
    req.user = user;
  };
}

/**
 * The guard for protected routes. With `requireVerifiedEmail` (REQUIRE_VERIFIED_EMAIL), users whose email
 * is not verified get 403; /api/auth uses the guard without it, so they can still verify and sign out.
 */
export function createRequireAuth(authenticate: Authenticate, requireVerifiedEmail = false): RequestHandler {
  return async (req, res, next) => {
    // Whatever it answers, an authenticated response depends on who asked: no cache may keep it.
    preventCaching(res);
    await authenticate(req);
    if (requireVerifiedEmail && !currentUser(req).email_verified) throw problem('EMAIL_NOT_VERIFIED');
    next();
  };
}

/**
 * For routes anyone may call whose answer depends on who asks (drafts only their owner sees): a request that
 * carries credentials is authenticated as by requireAuth, so a bad token answers 401 and is never silently read as
 * anonymous; one without credentials goes on anonymously (req.user unset).
 */
export function createIdentify(authenticate: Authenticate, sessionCookie: SessionCookie): RequestHandler {
  return async (req, res, next) => {
    if (req.headers.authorization !== undefined || sessionCookie.read(req) !== undefined) {
      preventCaching(res);
      await authenticate(req);
    }
    next();
  };
}

/** The authenticated caller; only valid behind requireAuth. */
export function currentUser(req: Request): User {
  if (!req.user) throw new Error('currentUser used on a route without requireAuth');
  return req.user;
}
