// What a resource folder exports so the route table can mount it.
import type { RequestHandler, Router } from 'express';
import type { Database } from '../db/database';
import type { ResourceOpenApi } from '../openapi/types';

export interface ResourceContext {
  db: Database;
  /** The JWT middleware; ownership and admin guards are imported from src/auth directly. */
  requireAuth: RequestHandler;
  /** For public reads that depend on the caller: authenticates a request with credentials, lets others through. */
  identify: RequestHandler;
}

export interface ResourceModule {
  /** Plural name, as in the URL. */
  name: string;
  /** Mount path under /api, e.g. /users/:userId/todos. */
  path: string;
  createRouter(ctx: ResourceContext): Router;
  /** Its operations in /api/openapi.json, from the same schemas its routes validate with. */
  openapi?: ResourceOpenApi;
}
