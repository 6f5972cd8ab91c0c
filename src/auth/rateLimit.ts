// Per-client-IP limit on /api/auth/*, counted in PostgreSQL (shared by all instances).
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Sequelize } from 'sequelize';
import { problem } from '../http/errors';
import { PostgresRateLimitStore } from './rateLimitStore';

export function createAuthRateLimit(sequelize: Sequelize, limits: { max: number; windowMs: number }): RequestHandler {
  return rateLimit({
    windowMs: limits.windowMs,
    limit: limits.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new PostgresRateLimitStore(sequelize, 'auth:'),
    // Fail closed: if the counters cannot be read, the request fails (503) instead of going unlimited.
    passOnStoreError: false,
    // express-rate-limit has set Retry-After; the error middleware writes the RATE_LIMITED answer.
    handler: (_req, _res, next) => next(problem('RATE_LIMITED')),
  });
}
