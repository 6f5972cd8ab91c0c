// Admin guard: the role comes from the database row requireAuth just read, never from the token.
import type { RequestHandler } from 'express';
import { problem } from '../http/errors';
import { currentUser } from './requireAuth';

export const requireAdmin: RequestHandler = (req, _res, next) => {
  if (currentUser(req).role !== 'admin') throw problem('ADMIN_REQUIRED');
  next();
};
