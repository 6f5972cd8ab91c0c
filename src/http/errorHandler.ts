// The one error middleware: every error becomes its catalogue entry, {"detail": ..., "code": ...}, never a stack.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ConnectionError, TimeoutError } from 'sequelize';
import { ZodError } from 'zod';
import type { Logger } from '../logger';
import { databaseRefusalFacts, databaseValueProblem } from './databaseErrors';
import { Problem, ValidationError, problem } from './errors';
import { toValidationIssues } from './validate';

/** Errors body-parser raises, recognised by their `type`. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(problem('NOT_FOUND'));
};

/** SQLSTATEs of a server shutting down, refusing or cancelling work, plus socket errors without a SQLSTATE. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57014', '53300', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/** pg reports a socket the server closed mid-query with these messages and no code at all. */
const CONNECTION_LOST = /^Connection terminated|not queryable/;

function isDatabaseUnavailable(err: unknown): boolean {
  // Pool acquire timeouts, refused connections and a database shutting down all mean "try again".
  if (err instanceof ConnectionError || err instanceof TimeoutError) return true;
  const driverError = driverErrorOf(err);
  const code = typeof driverError?.code === 'string' ? driverError.code : '';
  // Class 08 is every connection exception (08000, 08001, 08003, 08006, ...).
  if (code.startsWith('08') || UNAVAILABLE_CODES.has(code)) return true;
  return typeof driverError?.message === 'string' && CONNECTION_LOST.test(driverError.message);
}

/** pg's own error: wrapped in `parent` by Sequelize, bare from the prepared statements of src/db/statements.ts. */
function driverErrorOf(err: unknown): { code?: unknown; message?: unknown } | undefined {
  const parent = (err as { parent?: { code?: unknown; message?: unknown } } | undefined)?.parent;
  if (parent) return parent;
  return err instanceof Error ? err : undefined;
}

/** Client errors raised below the routes (body-parser, Express's parameter decoding), by their `type`. */
function bodyProblem(err: BodyParserError): Problem | undefined {
  const status = err.status ?? err.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (err.type === 'entity.too.large') return problem('BODY_TOO_LARGE');
  if (err.type === 'entity.parse.failed') return problem('MALFORMED_JSON');
  // Unsupported charsets or encodings; undecodable compressed bodies; Express's undecodable %-escapes.
  if (status === 415) return problem('UNSUPPORTED_BODY');
  return problem(err.type ? 'UNREADABLE_BODY' : 'BAD_REQUEST');
}

/** The catalogue entry an error stands for, or undefined for a bug. */
function toProblem(err: unknown): Problem | undefined {
  if (err instanceof Problem) return err;
  if (err instanceof ZodError) return new ValidationError(toValidationIssues('body', err.issues));
  if (isDatabaseUnavailable(err)) return problem('SERVICE_UNAVAILABLE');
  const refused = databaseValueProblem(err);
  if (refused) return refused;
  return err instanceof Error ? bodyProblem(err) : undefined;
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    let found = toProblem(err);
    if (!found) {
      logger.error({ err, reqId: req.id }, 'unhandled error');
      found = problem('INTERNAL_ERROR');
    } else if (found.status >= 500) {
      // An outage, not a bug: operators still need to see it, with what failed underneath.
      logger.warn({ err: err === found ? (found.cause ?? found) : err, reqId: req.id }, found.detail);
    } else if (found instanceof ValidationError) {
      // A 4xx for the client, but maybe a bug of ours: operators see where PostgreSQL refused, not what.
      const refusal = databaseRefusalFacts(err);
      if (refusal) logger.warn({ ...refusal, path: req.path, reqId: req.id }, 'database refused a value');
    }
    const detail = found instanceof ValidationError ? found.issues : found.detail;
    res.set(found.headers).status(found.status).json({ detail, code: found.code });
  };
}
