// JWT middleware: a valid token (Authorization header, else the session cookie) of a user who still exists, or 401.
import type { Request, RequestHandler } from 'express';
import { problem } from '../http/errors';
import { preventCaching } from '../http/noStore';
import type { User, UserModel } from '../users/model';
import type { IdentityResolver } from './externalIdentities';
import type { SessionCookie } from './sessionCookie';
import { TokenRejected, type TokenService, type VerifiedToken } from './tokens';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requireAuth: the caller, freshly read from the database. */
    user?: User;
    /** Where the caller's token came from; cookie-authenticated writes need an allowed Origin. */
    authSource?: 'header' | 'cookie';
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequireAuthDeps {
  tokens: TokenService;
  users: UserModel;
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

export function createRequireAuth(deps: RequireAuthDeps): RequestHandler {
  const { tokens, users, resolveExternal, sessionCookie, trustedOrigins } = deps;
  return async (req, res, next) => {
    // Whatever it answers, an authenticated response depends on who asked: no cache may keep it.
    preventCaching(res);
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
    // Reading the user on every request makes deletions, role changes and revocations take effect at once.
    const user = verified.kind === 'local' ? await users.findByPk(verified.userId) : await resolveExternal(verified);
    if (!user) throw problem('INVALID_TOKEN');
    if (verified.kind === 'local' && verified.tokenVersion !== user.token_version) throw problem('INVALID_TOKEN');
    req.user = user;
    next();
  };
}

/** The authenticated caller; only valid behind requireAuth. */
export function currentUser(req: Request): User {
  if (!req.user) throw new Error('currentUser used on a route without requireAuth');
  return req.user;
}
