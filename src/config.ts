// The one place that reads process.env: parsed and validated once at start-up, then frozen.
import path from 'node:path';
import { z } from 'zod';
import { integer } from './integerSetting';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/**
 * A browser sends `Origin: https://app.example.com` (lower-case host, no default port, no path), and only an exact
 * match is allowed, so each entry is written that way: `https://App.example.com:443/` is taken as its origin; a
 * path, query or credentials would never match and are refused.
 */
const corsOrigin = z.string().transform((value, ctx) => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (url && bare && (url.protocol === 'https:' || url.protocol === 'http:')) return url.origin;
  ctx.addIssue({
    code: 'custom',
    message: 'must be a comma-separated list of origins such as https://app.example.com (no path)',
  });
  return z.NEVER;
});

const boolean = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A lifetime such as 30m or 24h, in seconds. */
const ttl = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, { error: 'must be a duration such as 30m, 24h or 7d' })
  .transform((value) => Number(value.slice(0, -1)) * (UNIT_SECONDS[value.slice(-1)] ?? 1))
  .refine((seconds) => seconds >= 60 && seconds <= 30 * 86_400, { error: 'must be between 1m and 30d' });

const linkPath = z.string().regex(/^\/[A-Za-z0-9/_.-]*$/, { error: 'must be a path such as /reset-password' });

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
  error: 'must be a postgres:// or postgresql:// URL',
});

/** `server` needs everything; `databaseCommand` (db:migrate, user:promote) needs no JWT_SECRET, so migrate never gets it. */
export type ConfigPurpose = 'server' | 'databaseCommand';

const envSchema = (purpose: ConfigPurpose) =>
  z
    .object({
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      HOST: z.string().min(1).default('0.0.0.0'),
      PORT: integer(0, 65535).default(8000),
      DATABASE_URL: postgresUrl.optional(),
      DATABASE_PASSWORD_SECRET_ARN: z
        .string()
        .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, {
          error: 'must be a Secrets Manager secret ARN',
        })
        .optional(),
      DATABASE_IAM_AUTH_REGION: z
        .string()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region such as eu-west-1' })
        .optional(),
      DATABASE_APP_ROLE: z
        .string()
        .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lowercase PostgreSQL role name such as rampart_app' })
        .optional(),
      DATABASE_POOL_MAX: integer(1, 200).default(10),
      DATABASE_ACQUIRE_TIMEOUT_MS: integer(100, 60_000).default(3_000),
      DATABASE_STATEMENT_TIMEOUT_MS: integer(100, 600_000).default(10_000),
      JWT_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
      JWT_EXPIRES_IN: z
        .string()
        .regex(/^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)$/, {
          error: 'must be a duration such as 15m, 12h or 7d',
        })
        .default('7d'),
      JWT_ISSUER: z.string().min(1).default('rampart'),
      JWT_AUDIENCE: z.string().min(1).default('rampart-api'),
      JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      JWKS_ISSUER: z.string().min(1).optional(),
      JWKS_AUDIENCE: z.string().min(1).optional(),
      BCRYPT_ROUNDS: integer(10, 16).default(12),
      CORS_ORIGINS: commaList.pipe(z.array(corsOrigin)),
      AUTH_RATE_LIMIT_MAX: integer(1, 100_000).default(20),
      AUTH_RATE_LIMIT_WINDOW_MS: integer(1_000, 86_400_000).default(900_000),
      AUTH_ACCOUNT_RATE_LIMIT_MAX: integer(1, 100_000).optional(),
      AUTH_ACCOUNT_RATE_LIMIT_WINDOW_MS: integer(1_000, 86_400_000).optional(),
      HTTP_REQUEST_TIMEOUT_MS: integer(1_000, 600_000).default(30_000),
      HTTP_HEADERS_TIMEOUT_MS: integer(1_000, 600_000).default(20_000),
      BODY_LIMIT: z
        .string()
        .regex(/^\d+(b|kb|mb)$/i, { error: 'must be a size such as 100kb or 1mb' })
        .default('100kb'),
      SHUTDOWN_TIMEOUT_MS: integer(0, 600_000).default(25_000),
      LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
      DATA_DIR: z.string().min(1).default('.data'),
      SMTP_URL: z
        .string()
        .refine((value) => /^smtps?:\/\/[^/\s]+/.test(value), {
          error: 'must be an smtp:// or smtps:// URL such as smtps://user:pass@smtp.example.com:465',
        })
        .optional(),
      SMTP_CA_FILE: z.string().min(1).optional(),
      MAIL_FROM: z.string().min(3).max(254).optional(),
      APP_URL: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://app.example.com' })
        .optional(),
      APP_NAME: z.string().trim().min(1).max(100).default('Rampart'),
      RESET_PASSWORD_PATH: linkPath.default('/reset-password'),
      VERIFY_EMAIL_PATH: linkPath.default('/verify-email'),
      PASSWORD_RESET_TTL: ttl.default(30 * 60),
      EMAIL_VERIFY_TTL: ttl.default(24 * 3600),
      REQUIRE_VERIFIED_EMAIL: boolean.default(false),
      LOCAL_ACCOUNTS: boolean.default(true),
      HTTPS_ONLY: boolean.optional(),
      EMBEDDED_PG_PORT: integer(1024, 65535).default(54329),
    })
    .superRefine((env, ctx) => {
      const jwks = [env.JWKS_URL, env.JWKS_ISSUER, env.JWKS_AUDIENCE];
      if (jwks.some(Boolean) && !jwks.every(Boolean)) {
        for (const name of ['JWKS_URL', 'JWKS_ISSUER', 'JWKS_AUDIENCE'] as const) {
          if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when any JWKS_* is set' });
        }
      }
      if (env.JWKS_ISSUER && env.JWKS_ISSUER === env.JWT_ISSUER) {
        ctx.addIssue({ code: 'custom', path: ['JWKS_ISSUER'], message: 'must differ from JWT_ISSUER' });
      }
      if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
        ctx.addIssue({
          code: 'custom',
          path: ['HTTP_HEADERS_TIMEOUT_MS'],
          message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS',
        });
      }
      if (env.DATABASE_IAM_AUTH_REGION && env.DATABASE_PASSWORD_SECRET_ARN) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_IAM_AUTH_REGION'],
          message: 'cannot be combined with DATABASE_PASSWORD_SECRET_ARN (one password source per connection)',
        });
      }
      if (env.DATABASE_IAM_AUTH_REGION && env.DATABASE_URL && new URL(env.DATABASE_URL).password) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_IAM_AUTH_REGION'],
          message: 'requires a DATABASE_URL without a password (the IAM token is the password)',
        });
      }
      if (env.NODE_ENV !== 'production') return;
      if (env.JWKS_URL?.startsWith('http:')) {
        ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'must use https when NODE_ENV=production' });
      }
      if (!env.DATABASE_URL) {
        ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when NODE_ENV=production' });
      }
      if (!env.JWT_SECRET && purpose === 'server') {
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
      }
      // Local accounts send reset and verification links: the production server needs a mail server and link base.
      if (!env.LOCAL_ACCOUNTS || purpose !== 'server') return;
      for (const name of ['SMTP_URL', 'MAIL_FROM', 'APP_URL'] as const) {
        const message = 'is required when NODE_ENV=production (or set LOCAL_ACCOUNTS=false)';
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message });
      }
    });

/** Every environment variable Rampart reads (docs/configuration.md is tested against this list). */
export const ENVIRONMENT_VARIABLES: readonly string[] = Object.freeze(Object.keys(envSchema('server').shape));

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly isProduction: boolean;
  /**
   * HSTS, the redirect of plain-HTTP requests and the Secure `__Host-` session cookie. On in production unless
   * HTTPS_ONLY=false, for a stack served over plain HTTP (no certificate), where browsers would drop the cookie.
   */
  readonly httpsOnly: boolean;
  readonly host: string;
  readonly port: number;
  readonly database: {
    /** Absent outside production: the dev server then starts an embedded PostgreSQL. */
    readonly url: string | undefined;
    /** Secret holding the rotating password (RDS-managed); DATABASE_URL then carries none. */
    readonly passwordSecretArn: string | undefined;
    /** Region of an RDS IAM token signed as each connection's password; DATABASE_URL then carries none. */
    readonly iamAuthRegion: string | undefined;
    /** The API's role, which `db:migrate` creates and grants row access to (see src/db/appRole.ts). */
    readonly appRole: string | undefined;
    readonly poolMax: number;
    readonly acquireTimeoutMs: number;
    readonly statementTimeoutMs: number;
  };
  readonly jwt: {
    /** Absent outside production: the dev server then generates one under DATA_DIR. */
    readonly secret: string | undefined;
    readonly expiresIn: string;
    readonly issuer: string;
    readonly audience: string;
  };
  /** A second, external token issuer (e.g. Better Auth) whose tokens are verified against its JWKS. */
  readonly jwks: { readonly url: string; readonly issuer: string; readonly audience: string } | undefined;
  readonly bcryptRounds: number;
  readonly corsOrigins: readonly string[];
  /** Sign-in, sign-up, password change and reset: tries per client (IPv6 by /64) and per target account. */
  readonly authRateLimit: {
    readonly perClient: { readonly max: number; readonly windowMs: number };
    readonly perAccount: { readonly max: number; readonly windowMs: number };
  };
  readonly bodyLimit: string;
  readonly shutdownTimeoutMs: number;
  /** Above the 60 s idle timeout of AWS load balancers, so the balancer closes idle sockets first. */
  readonly keepAliveTimeoutMs: number;
  /** Longest a client may take to send a whole request, and its headers: a stalled body frees its socket. */
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly logLevel: LogLevel;
  readonly mail: {
    /** Absent outside production: mails are then written to `outboxDir` as .eml files. */
    readonly smtpUrl: string | undefined;
    /** Extra CA certificate (PEM) trusted for the SMTP server's TLS, for private relays. */
    readonly smtpCaFile: string | undefined;
    readonly from: string;
    readonly appName: string;
    readonly outboxDir: string;
  };
  readonly accounts: {
    /** The frontend's base URL; reset and verification links point there. */
    readonly appUrl: string;
    readonly resetPasswordPath: string;
    readonly verifyEmailPath: string;
    readonly resetTtlSeconds: number;
    readonly verifyTtlSeconds: number;
    /** Protected routes other than /api/auth answer 403 to users whose email is not verified. */
    readonly requireVerifiedEmail: boolean;
    /** False: no signup, signin, password or email routes; only an external issuer's tokens sign users in. */
    readonly local: boolean;
  };
  readonly dev: { readonly dataDir: string; readonly embeddedPgPort: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}

/** Parses an environment (process.env by default); throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, purpose: ConfigPurpose = 'server'): Config {
  // Treat empty strings as unset, as shells and .env files commonly produce them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema(purpose).safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`),
    );
  }
  const e = parsed.data;
  return deepFreeze({
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    httpsOnly: e.HTTPS_ONLY ?? e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    database: {
      url: e.DATABASE_URL,
      passwordSecretArn: e.DATABASE_PASSWORD_SECRET_ARN,
      iamAuthRegion: e.DATABASE_IAM_AUTH_REGION,
      appRole: e.DATABASE_APP_ROLE,
      poolMax: e.DATABASE_POOL_MAX,
      acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    jwt: { secret: e.JWT_SECRET, expiresIn: e.JWT_EXPIRES_IN, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    jwks:
      e.JWKS_URL && e.JWKS_ISSUER && e.JWKS_AUDIENCE
        ? { url: e.JWKS_URL, issuer: e.JWKS_ISSUER, audience: e.JWKS_AUDIENCE }
        : undefined,
    bcryptRounds: e.BCRYPT_ROUNDS,
    corsOrigins: e.CORS_ORIGINS,
    authRateLimit: {
      perClient: { max: e.AUTH_RATE_LIMIT_MAX, windowMs: e.AUTH_RATE_LIMIT_WINDOW_MS },
      perAccount: {
        max: e.AUTH_ACCOUNT_RATE_LIMIT_MAX ?? e.AUTH_RATE_LIMIT_MAX,
        windowMs: e.AUTH_ACCOUNT_RATE_LIMIT_WINDOW_MS ?? e.AUTH_RATE_LIMIT_WINDOW_MS,
      },
    },
    bodyLimit: e.BODY_LIMIT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    keepAliveTimeoutMs: 65_000,
    requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    mail: {
      smtpUrl: e.SMTP_URL,
      smtpCaFile: e.SMTP_CA_FILE,
      from: e.MAIL_FROM ?? `${e.APP_NAME} <no-reply@localhost>`,
      appName: e.APP_NAME,
      outboxDir: path.join(e.DATA_DIR, 'outbox'),
    },
    accounts: {
      appUrl: (e.APP_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
      resetPasswordPath: e.RESET_PASSWORD_PATH,
      verifyEmailPath: e.VERIFY_EMAIL_PATH,
      resetTtlSeconds: e.PASSWORD_RESET_TTL,
      verifyTtlSeconds: e.EMAIL_VERIFY_TTL,
      requireVerifiedEmail: e.REQUIRE_VERIFIED_EMAIL,
      local: e.LOCAL_ACCOUNTS,
    },
    dev: { dataDir: e.DATA_DIR, embeddedPgPort: e.EMBEDDED_PG_PORT },
  });
}
