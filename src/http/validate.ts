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

/** At most this many unknown fields, or values holding NUL, are named one by one: 8,000 keys get a short answer. */
export const MAX_LISTED = 20;

const pathOf = (path: PropertyKey[]) => path.map((part) => (typeof part === 'number' ? part : String(part)));

/** One issue per unknown field, FastAPI's `extra_forbidden`, then one counting the rest. */
function unknownFieldIssues(location: string, path: PropertyKey[], keys: string[]): ValidationIssue[] {
  const listed = keys.slice(0, MAX_LISTED).map((key) => ({
    loc: [location, ...pathOf(path), key],
    msg: `Unknown field: ${key}`,
    type: 'extra_forbidden',
  }));
  const more = keys.length - listed.length;
  if (more === 0) return listed;
  return [...listed, { loc: [location, ...pathOf(path)], msg: `${more} more unknown fields`, type: 'extra_forbidden' }];
}

/** Maps zod issues onto FastAPI's `{loc, msg, type}` entries. */
export function toValidationIssues(location: string, issues: z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? unknownFieldIssues(location, issue.path, issue.keys)
      : [{ loc: [location, ...pathOf(issue.path)], msg: issue.message, type: issue.code }],
  );
}

/** A place in a parsed value, linked to its parent so deep values cost no path copies. */
interface Place {
  value: unknown;
  key?: string | number;
  parent?: Place;
}

function pathTo(place: Place | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = place; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * Where a value holds a NUL character (in a string or a key): PostgreSQL text cannot store one, so it is
 * refused before any schema runs. Iterative, as a body may be nested thousands of levels deep.
 */
function nulIssues(location: string, value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const refuse = (place: Place | undefined, what: string) =>
    issues.push({
      loc: [location, ...pathTo(place)],
      msg: `${what} must not contain NUL characters`,
      type: 'string_nul',
    });
  const pending: Place[] = [{ value }];
  while (pending.length > 0 && issues.length < MAX_LISTED) {
    const place = pending.pop() as Place;
    const current = place.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) refuse(place, 'Text');
    } else if (Array.isArray(current)) {
      current.forEach((item, key) => pending.push({ value: item, key, parent: place }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes('\u0000')) refuse(place, 'Field names');
        else pending.push({ value: item, key, parent: place });
      }
    }
  }
  return issues;
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
      const nul = nulIssues(LOCATION_NAME[location], raw);
      if (nul.length > 0) {
        issues.push(...nul);
        continue;
      }
      const result = schema.safeParse(raw);
      if (result.success) input[location] = result.data;
      else issues.push(...toValidationIssues(LOCATION_NAME[location], result.error.issues));
    }
    if (issues.length > 0) throw new ValidationError(issues);
    await handler(input as unknown as Input<S>, req, res);
  };
}
