// /api/users/:userId/profile (owner only) and /api/admin/users (admins only).
import { Router, type RequestHandler } from 'express';
import { requireAdmin } from '../auth/requireAdmin';
import { currentUser } from '../auth/requireAuth';
import { requireOwner } from '../auth/requireOwner';
import { findPage, pageQuery, sendPage } from '../http/pagination';
import { withInput } from '../http/validate';
import { toPublicUser, type UserModel } from './model';

export function createProfileRouter(requireAuth: RequestHandler): Router {
  const router = Router({ mergeParams: true });
  router.get('/', requireAuth, requireOwner, (req, res) => {
    res.json(toPublicUser(currentUser(req)));
  });
  return router;
}

export function createAdminUsersRouter(users: UserModel, requireAuth: RequestHandler): Router {
  const router = Router();
  router.use(requireAuth, requireAdmin);
  router.get(
    '/',
    withInput({ query: pageQuery }, async ({ query }, req, res) => {
      const page = await findPage(users, {}, query);
      sendPage(req, res, { ...page, rows: page.rows.map(toPublicUser) }, query.limit);
    }),
  );
  return router;
}
