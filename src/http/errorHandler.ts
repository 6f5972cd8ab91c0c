// The one error middleware: every error becomes JSON {"detail": ...} with the right status, never a stack.
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
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new HttpError(404, 'Not found'));
};

function isDatabaseUnavailable(err: unknown): boolean {
  // Pool acquire timeouts, refused connections and a database shutting down all mean "try again".
  if (err instanceof ConnectionError || err instanceof TimeoutError) return true;
  const code = (err as { parent?: { code?: string }; original?: { code?: string } })?.parent?.code;
  return code === '57P01' || code === '57P03' || code === '08006' || code === '08001' || code === '57014';
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
      res.status(409).json({ detail: 'Resource already exists' });
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
    if (bodyError?.type && typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
      // Other body-parser rejections: unsupported charset or encoding, too many parameters.
      res.status(bodyError.status).json({ detail: 'Unsupported request body' });
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
