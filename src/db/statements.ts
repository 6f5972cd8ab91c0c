// Hot-path SQL: named prepared statements run on a connection borrowed from Sequelize's pool.
import { createHash } from 'node:crypto';
import type { Sequelize } from 'sequelize';

/** A fixed SQL text with a name unique to it: PostgreSQL plans it once per connection, then only binds values. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** Named by a hash of its text: PostgreSQL cuts names at 63 bytes, and one name must never mean two texts. */
export function statement(text: string): Statement {
  return { name: `rampart_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
}

interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

export type StatementRunner = <Row>(statement: Statement, values: unknown[]) => Promise<Row[]>;

/**
 * Runs statements through the same pool, password hook, statement timeout and connection checks as every
 * Sequelize query, without Sequelize's query building and instance mapping. Errors are pg's own (with their
 * SQLSTATE in `code`); the error middleware maps them like Sequelize's.
 */
export function statementRunner(sequelize: Sequelize): StatementRunner {
  const pool = sequelize.connectionManager;
  return async <Row>(statement: Statement, values: unknown[]) => {
    const connection = (await pool.getConnection({ type: 'write' })) as unknown as PgConnection;
    try {
      const result = await connection.query({ name: statement.name, text: statement.text, values });
      return result.rows as Row[];
    } finally {
      pool.releaseConnection(connection);
    }
  };
}

/** A double-quoted SQL identifier; names come from model definitions, never from requests. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
