// The route table of resources. `npx plop resource` adds and `resource:remove` removes lines at the markers.
import type { ResourceModule } from './resource';
import { todosResource } from './todos';
// rampart:resource-imports

export const resources: readonly ResourceModule[] = [
  todosResource,
  // rampart:resources
];
