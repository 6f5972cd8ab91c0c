// Server-side sessions: every token Rampart issues names one, so a single session can be listed and ended.
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query(`
    CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      user_agent varchar(512),
      ip varchar(64),
      revoked_at timestamptz
    )`);
  await sequelize.query('CREATE INDEX sessions_user_id ON sessions (user_id)');
  // Pruning deletes the oldest expired rows first.
  await sequelize.query('CREATE INDEX sessions_expires_at ON sessions (expires_at)');
  // Sessions replace the per-user token_version counter.
  await sequelize.query('ALTER TABLE users DROP COLUMN token_version');
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query('ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0');
  await sequelize.query('DROP TABLE sessions');
};
