// JWT middleware: a valid Bearer token of a user who still exists, or 401.
import type { Request, RequestHandler } from 'express';
import { HttpError, unauthorized } from '../http/errors';
import type { User, UserModel } from '../users/model';
import type { TokenService } from './tokens';
import { TokenRejected } from './tokens';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requireAuth: the caller, freshly read from the database. */
    user?: User;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

export const MISSING_CREDENTIALS = 'Missing or invalid authorization header';

export function createRequireAuth(tokens: TokenService, users: UserModel): RequestHandler {
  return async (req, _res, next) => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    if (!match?.[1]) throw unauthorized(MISSING_CREDENTIALS);
    let userId: number;
    try {
      ({ userId } = await tokens.verify(match[1]));
    } catch (err) {
      if (err instanceof TokenRejected) throw unauthorized(err.message);
      throw err;
    }
    // Reading the user on every request makes deleted users and role changes take effect at once.
    const user = await users.findByPk(userId);
    if (!user) throw unauthorized('Invalid token');
    req.user = user;
    next();
  };
}

/** The authenticated caller; only valid behind requireAuth. */
export function currentUser(req: Request): User {
  if (!req.user) throw new HttpError(500, 'Internal server error');
  return req.user;
}
