// Request schemas for todos: strict bodies (unknown fields, id and user_id are refused), partial updates, lists.
import { z } from 'zod';
import { listQuery, queryBoolean } from '../../http/pagination';

export const todoFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable(),
  completed: z.boolean(),
};

export const createTodoBody = z.strictObject({
  title: todoFields.title,
  description: todoFields.description.optional(),
  completed: todoFields.completed.default(false),
});

export const updateTodoBody = z
  .strictObject(todoFields)
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { error: 'At least one field is required' });

export const todoParams = z.object({
  todoId: z.coerce.number({ error: 'Must be a positive integer' }).int().positive().max(2_147_483_647),
});

/** `?limit=&cursor=`, `sort` (`-` for descending) and filters; any other parameter answers 422. */
export const listTodosQuery = listQuery({ sort: ['created_at'], equal: { completed: queryBoolean() } });
