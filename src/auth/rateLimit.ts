// Limits on the endpoints that guess or create credentials: per client (IPv6 by /64) and per target account,
// both counted in PostgreSQL (shared by all instances).
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { Sequelize } from 'sequelize';
import { problem } from '../http/errors';
import { PostgresRateLimitStore } from './rateLimitStore';

export interface RateLimitSettings {
  max: number;
  windowMs: number;
}

export interface CredentialLimitSettings {
  perClient: RateLimitSettings;
  perAccount: RateLimitSettings;
}

/** One IPv6 client usually holds a whole /64; counting by address would give it 2^64 tries. */
const IPV6_CLIENT_PREFIX = 64;

/** The account a request aims at: the signed-in caller's email, else the email in the body, normalised. */
function targetAccount(req: Request): string | undefined {
  const body = req.body as { email?: unknown } | undefined;
  const email = req.user?.email ?? body?.email;
  return typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : undefined;
}

function limiter(sequelize: Sequelize, prefix: string, limits: RateLimitSettings, options: Partial<Options>) {
  return rateLimit({
    windowMs: limits.windowMs,
    limit: limits.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new PostgresRateLimitStore(sequelize, prefix),
    // Fail closed: if the counters cannot be read, the request fails (503) instead of going unlimited.
    passOnStoreError: false,
    // express-rate-limit has set Retry-After; the error middleware writes the RATE_LIMITED answer.
    handler: (_req, _res, next) => next(problem('RATE_LIMITED')),
    ...options,
  });
}

/**
 * The limit for sign-in, sign-up, password change and password reset: both a client's tries and the tries
 * at one account, so spreading guesses over many addresses cannot brute-force one account.
 */
export function createCredentialLimit(sequelize: Sequelize, settings: CredentialLimitSettings): RequestHandler {
  const perClient = limiter(sequelize, 'auth:', settings.perClient, { ipv6Subnet: IPV6_CLIENT_PREFIX });
  const perAccount = limiter(sequelize, 'auth-account:', settings.perAccount, {
    // A digest: an email of up to 254 characters plus the prefix would not fit the 255-character key column.
    keyGenerator: (req) =>
      createHash('sha256')
        .update(targetAccount(req) as string)
        .digest('base64url'),
    skip: (req) => targetAccount(req) === undefined,
  });
  return (req, res, next) => {
    void perClient(req, res, (err?: unknown) => (err ? next(err) : void perAccount(req, res, next)));
  };
}
