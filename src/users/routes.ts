// /api/users/:userId/profile (owner only) and /api/admin/users (admins only).
import { Router, type RequestHandler } from 'express';
import { requireAdmin } from '../auth/requireAdmin';
import { currentUser } from '../auth/requireAuth';
import { requireOwner } from '../auth/requireOwner';
import { findPage, pageQuery, sendPage } from '../http/pagination';
import { withInput } from '../http/validate';
import { publicUser } from '../openapi/components';
import { toPublicUser, type UserModel } from './model';

export function createProfileRouter(requireAuth: RequestHandler): Router {
  const router = Router({ mergeParams: true });
  router.get('/', requireAuth, requireOwner, (req, res) => {
    res.json(toPublicUser(currentUser(req)));
  });
  return router;
}

const PUBLIC_USER_COLUMNS = Object.keys(publicUser.shape);

export function createAdminUsersRouter(users: UserModel, requireAuth: RequestHandler): Router {
  const router = Router();
  router.use(requireAuth, requireAdmin);
  router.get(
    '/',
    withInput({ query: pageQuery }, async ({ query }, req, res) => {
      // Only the declared User columns are read: the password hash never leaves the database here.
      sendPage(req, res, await findPage(users, {}, query, PUBLIC_USER_COLUMNS), query.limit);
    }),
  );
  return router;
}
