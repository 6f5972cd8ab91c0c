// Structured JSON logs (pino). Secrets never reach a log line: auth headers, cookies and passwords are redacted,
// and errors lose the statement values a database error carries.
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.jwtSecret',
];

/**
 * Keys of database errors that hold values: Sequelize's `sql` inlines every value of the statement (a password
 * hash, a token digest, an email), `parameters` lists them, and PostgreSQL's `detail` quotes the offending one.
 */
const ERROR_VALUE_KEYS = new Set(['sql', 'parameters', 'detail', 'fields', 'value', 'instance', 'errors']);

/** A copy of a serialised error, at any depth (`original`, `parent`, `cause`), without the keys that hold values. */
function withoutValues(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => withoutValues(item, depth + 1));
  const source = value instanceof Error ? Object.assign({ name: value.name, message: value.message }, value) : value;
  return Object.fromEntries(
    Object.entries(source)
      .filter(([key]) => !ERROR_VALUE_KEYS.has(key))
      .map(([key, item]) => [key, withoutValues(item, depth + 1)]),
  );
}

/** pino's error serialiser (type, message, stack, cause), then without the values a database error carries. */
export function serializeError(err: unknown): unknown {
  return withoutValues(err instanceof Error ? pino.stdSerializers.err(err) : err);
}

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'rampart' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
