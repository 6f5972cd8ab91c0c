// The todos resource, as registered in src/resources/index.ts.
import type { ResourceModule } from '../resource';
import { createTodosRouter } from './routes';

export const todosResource: ResourceModule = {
  name: 'todos',
  path: '/users/:userId/todos',
  createRouter: createTodosRouter,
};
