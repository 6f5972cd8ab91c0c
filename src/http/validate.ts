// Validation at the edge: zod schemas parse params, query and body before a handler runs.
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from './errors';

type Location = 'params' | 'query' | 'body';
type Schemas = Partial<Record<Location, z.ZodType>>;

/** The parsed, typed input `withInput` hands to its handler. */
export interface Input<S extends Schemas> {
  params: S['params'] extends z.ZodType ? z.output<S['params']> : never;
  query: S['query'] extends z.ZodType ? z.output<S['query']> : never;
  body: S['body'] extends z.ZodType ? z.output<S['body']> : never;
}

const LOCATION_NAME: Record<Location, string> = { params: 'path', query: 'query', body: 'body' };

/** Maps zod issues onto FastAPI's `{loc, msg, type}` entries. */
export function toValidationIssues(location: string, issues: z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return {
        loc: [location, ...issue.path.map(String), ...issue.keys],
        msg: `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`,
        type: 'extra_forbidden',
      };
    }
    return {
      loc: [location, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
      msg: issue.message,
      type: issue.code,
    };
  });
}

/**
 * Wraps a handler so it only runs on valid input: the named parts of the request are parsed by
 * their zod schemas and handed over typed; all failures are reported together as one 422.
 */
export function withInput<S extends Schemas>(
  schemas: S,
  handler: (input: Input<S>, req: Request, res: Response) => Promise<void> | void,
): RequestHandler {
  return async (req, res) => {
    const input: Record<string, unknown> = {};
    const issues: ValidationIssue[] = [];
    for (const location of ['params', 'query', 'body'] as const) {
      const schema = schemas[location];
      if (!schema) continue;
      const raw: unknown = location === 'body' ? (req.body ?? {}) : req[location];
      const result = schema.safeParse(raw);
      if (result.success) input[location] = result.data;
      else issues.push(...toValidationIssues(LOCATION_NAME[location], result.error.issues));
    }
    if (issues.length > 0) throw new ValidationError(issues);
    await handler(input as unknown as Input<S>, req, res);
  };
}
