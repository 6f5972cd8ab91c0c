// Ownership guard (the seed's validate_user_access): /users/:userId/... only for the caller's own id.
import type { Request, RequestHandler } from 'express';
import { ValidationError, problem } from '../http/errors';
import { currentUser } from './requireAuth';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requireOwner: the owner every query of this request is scoped to. */
    ownerId?: number;
  }
}

/** `me` stands for the caller's own id. */
export const USER_ID = /^(me|[1-9]\d{0,9})$/;

export const requireOwner: RequestHandler = (req, _res, next) => {
  const user = currentUser(req);
  const raw = typeof req.params.userId === 'string' ? req.params.userId : '';
  if (!USER_ID.test(raw)) {
    throw new ValidationError([
      { loc: ['path', 'userId'], msg: 'Must be a positive integer or "me"', type: 'invalid_format' },
    ]);
  }
  if (raw !== 'me' && Number(raw) !== user.id) throw problem('NOT_OWNER');
  req.ownerId = user.id;
  next();
};

/** The owner to scope queries to; only valid behind requireOwner. */
export function ownerIdOf(req: Request): number {
  if (req.ownerId === undefined) throw new Error('ownerIdOf used on a route without requireOwner');
  return req.ownerId;
}
