// PostgreSQL's refusals of a value, by SQLSTATE: bad input the schemas let through is a 4xx, never a 500.
import { problem, ValidationError, type Problem } from './errors';

/** The fields of a node-postgres error this mapping reads. */
interface PostgresError {
  code?: unknown;
  column?: unknown;
  detail?: unknown;
}

/** Data exceptions (class 22) and integrity violations (class 23) that a request's values can cause. */
const VALUE_REFUSED: Record<string, { msg: string; type: string }> = {
  '22001': { msg: 'Value too long', type: 'string_too_long' },
  '22003': { msg: 'Number out of range', type: 'number_out_of_range' },
  '22007': { msg: 'Invalid date or time', type: 'datetime_invalid' },
  '22008': { msg: 'Date or time out of range', type: 'datetime_out_of_range' },
  '22021': { msg: 'Invalid characters', type: 'string_invalid_characters' },
  '22P02': { msg: 'Invalid value', type: 'value_invalid' },
  '23502': { msg: 'Required', type: 'missing' },
  '23503': { msg: 'Refers to a row that does not exist', type: 'foreign_key' },
  '23514': { msg: 'Not allowed by a check on the table', type: 'check_failed' },
};

/** `Key (owner_id)=(42) is not present…`: PostgreSQL names the columns of a violated key in its detail. */
const KEY_COLUMNS = /^Key \(([^)]+)\)=/;

function postgresErrorOf(err: unknown): PostgresError | undefined {
  // Sequelize wraps the driver's error as `parent`; raw pg errors come as they are.
  const candidate = (err as { parent?: unknown })?.parent ?? err;
  if (!candidate || typeof candidate !== 'object') return undefined;
  const { code } = candidate as PostgresError;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code) ? candidate : undefined;
}

/** The field a refusal is about, when PostgreSQL says: its column, or the column of the violated key. */
function fieldOf(error: PostgresError): string[] {
  if (typeof error.column === 'string') return [error.column];
  const key = typeof error.detail === 'string' ? KEY_COLUMNS.exec(error.detail) : null;
  return key?.[1] ? [key[1]] : [];
}

/**
 * Whether a foreign-key violation came from a DELETE (rows still point at the row), not from an INSERT or UPDATE
 * naming a missing row. Sequelize's errors carry their statement, which says so in any server language; a raw
 * driver error does not, so its English detail (`… is still referenced from table …`) is the fallback.
 */
function isDelete(err: unknown, error: PostgresError): boolean {
  const { sql } = err as { sql?: unknown };
  if (typeof sql === 'string') return /^\s*DELETE\b/i.test(sql);
  return typeof error.detail === 'string' && error.detail.includes('is still referenced');
}

/** The catalogue entry for a PostgreSQL data or integrity error, or undefined for any other error. */
export function databaseValueProblem(err: unknown): Problem | undefined {
  const error = postgresErrorOf(err);
  if (!error) return undefined;
  const code = error.code as string;
  if (code === '23505') {
    // The column names come from the unique index's key; the values that clashed are never echoed.
    const fields = fieldOf(error);
    return problem(
      'ALREADY_EXISTS',
      fields.length > 0 ? { detail: `A row with this ${fields.join(', ')} already exists` } : {},
    );
  }
  if (code === '23503' && isDelete(err, error)) return problem('STILL_REFERENCED');
  const refused = VALUE_REFUSED[code];
  return refused && new ValidationError([{ loc: ['body', ...fieldOf(error)], ...refused }]);
}

/**
 * Where PostgreSQL refused a value the schemas let through (a schema gap, or a bug in the server's own
 * queries), for the log: SQLSTATE, table, column and constraint, never the statement or its values.
 */
export function databaseRefusalFacts(err: unknown): Record<string, string> | undefined {
  const error = postgresErrorOf(err) as (PostgresError & Record<string, unknown>) | undefined;
  if (!error || !VALUE_REFUSED[error.code as string]) return undefined;
  const facts: Record<string, string> = { sqlstate: error.code as string };
  for (const name of ['table', 'column', 'constraint']) {
    if (typeof error[name] === 'string') facts[name] = error[name];
  }
  return facts;
}
