// The todos resource, as registered in src/resources/index.ts. `npx plop field` extends it from this spec:
// rampart:spec todo --access owner --fields "title:string(200) description:string(2000)? completed:boolean=false"
import { storedRow } from '../../openapi/components';
import type { ResourceModule } from '../resource';
import { createTodosRouter } from './routes';
import { createTodoBody, listTodosQuery, todoFields, todoParams, updateTodoBody } from './schemas';

export const todosResource: ResourceModule = {
  name: 'todos',
  path: '/users/:userId/todos',
  createRouter: createTodosRouter,
  openapi: {
    schemaName: 'Todo',
    access: 'owner',
    item: storedRow(todoFields),
    create: createTodoBody,
    update: updateTodoBody,
    params: todoParams,
    query: listTodosQuery,
  },
};
