// /api/users/:userId/todos: CRUD on the caller's own todos. Owner from the token, never from the body.
import { Router } from 'express';
import { requireOwner, ownerIdOf } from '../../auth/requireOwner';
import { notFound } from '../../http/errors';
import { sendPage } from '../../http/pagination';
import { withInput } from '../../http/validate';
import { storedRow } from '../../openapi/components';
import { ownedRepository } from '../ownedRepository';
import type { ResourceContext } from '../resource';
import { defineTodoModel } from './model';
import { createTodoBody, listTodosQuery, todoFields, todoParams, updateTodoBody } from './schemas';

const NOT_FOUND = 'Todo not found';

export function createTodosRouter({ db, requireAuth }: ResourceContext): Router {
  const todos = ownedRepository(defineTodoModel(db.sequelize), storedRow(todoFields));
  const router = Router({ mergeParams: true });
  router.use(requireAuth, requireOwner);

  router.get(
    '/',
    withInput({ query: listTodosQuery }, async ({ query }, req, res) => {
      sendPage(req, res, await todos.list(ownerIdOf(req), query), query.limit);
    }),
  );

  router.post(
    '/',
    withInput({ body: createTodoBody }, async ({ body }, req, res) => {
      res.status(201).json(await todos.create(ownerIdOf(req), body));
    }),
  );

  router.get(
    '/:todoId',
    withInput({ params: todoParams }, async ({ params }, req, res) => {
      const todo = await todos.find(ownerIdOf(req), params.todoId);
      if (!todo) throw notFound(NOT_FOUND);
      res.json(todo);
    }),
  );

  router.patch(
    '/:todoId',
    withInput({ params: todoParams, body: updateTodoBody }, async ({ params, body }, req, res) => {
      const todo = await todos.update(ownerIdOf(req), params.todoId, body);
      if (!todo) throw notFound(NOT_FOUND);
      res.json(todo);
    }),
  );

  router.delete(
    '/:todoId',
    withInput({ params: todoParams }, async ({ params }, req, res) => {
      if (!(await todos.remove(ownerIdOf(req), params.todoId))) throw notFound(NOT_FOUND);
      res.status(204).end();
    }),
  );

  return router;
}
