// The one error middleware: every error becomes JSON {"detail": ...} with the right status, never a stack.
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errors as joseErrors } from 'jose';
import { ConnectionError, TimeoutError, UniqueConstraintError } from 'sequelize';
import { ZodError } from 'zod';
import type { Logger } from '../logger';
import { HttpError, ValidationError } from './errors';
import { toValidationIssues } from './validate';

/** Errors body-parser raises, recognised by their `type`. */
interface BodyParserError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new HttpError(404, 'Not found'));
};

/** SQLSTATEs of a server shutting down, refusing or cancelling work, plus socket errors without a SQLSTATE. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57014', '53300', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/** pg reports a socket the server closed mid-query with these messages and no code at all. */
const CONNECTION_LOST = /^Connection terminated|not queryable/;

function isDatabaseUnavailable(err: unknown): boolean {
  // Pool acquire timeouts, refused connections and a database shutting down all mean "try again".
  if (err instanceof ConnectionError || err instanceof TimeoutError) return true;
  const parent = (err as { parent?: { code?: unknown; message?: unknown } })?.parent;
  const code = typeof parent?.code === 'string' ? parent.code : '';
  // Class 08 is every connection exception (08000, 08001, 08003, 08006, ...).
  if (code.startsWith('08') || UNAVAILABLE_CODES.has(code)) return true;
  return typeof parent?.message === 'string' && CONNECTION_LOST.test(parent.message);
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    res.setHeader('Cache-Control', 'no-store');

    if (err instanceof HttpError) {
      res.set(err.headers).status(err.status).json({ detail: err.detail });
      return;
    }
    if (err instanceof ValidationError) {
      res.status(422).json({ detail: err.issues });
      return;
    }
    if (err instanceof ZodError) {
      res.status(422).json({ detail: toValidationIssues('body', err.issues) });
      return;
    }
    if (err instanceof UniqueConstraintError) {
      // The column names come from the unique index; the values that clashed are never echoed.
      const fields = Object.keys(err.fields ?? {});
      const detail =
        fields.length > 0 ? `A row with this ${fields.join(', ')} already exists` : 'Resource already exists';
      res.status(409).json({ detail });
      return;
    }
    if (err instanceof joseErrors.JOSEError) {
      res.set('WWW-Authenticate', 'Bearer').status(401).json({ detail: 'Invalid token' });
      return;
    }
    const bodyError = err as BodyParserError;
    if (bodyError?.type === 'entity.too.large') {
      res.status(413).json({ detail: 'Request body too large' });
      return;
    }
    if (bodyError?.type === 'entity.parse.failed') {
      res.status(400).json({ detail: 'Malformed JSON body' });
      return;
    }
    const clientStatus = bodyError?.status ?? bodyError?.statusCode;
    if (typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500) {
      // Other client errors raised below the routes: body-parser's unsupported charsets or encodings and
      // undecodable compressed bodies, Express's undecodable %-escapes in path parameters.
      const detail = bodyError.type ? 'Unsupported request body' : (STATUS_CODES[clientStatus] ?? 'Bad request');
      res.status(clientStatus).json({ detail });
      return;
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err, reqId: req.id }, 'database unavailable');
      res.set('Retry-After', '1').status(503).json({ detail: 'Service temporarily unavailable' });
      return;
    }

    logger.error({ err, reqId: req.id }, 'unhandled error');
    res.status(500).json({ detail: 'Internal server error' });
  };
}
