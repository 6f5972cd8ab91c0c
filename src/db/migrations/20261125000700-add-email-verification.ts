// Verified emails, single-use reset and verification tokens, and revocation of external issuers' tokens.
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query('ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false');
  // External issuers' tokens issued before this instant are refused (their sign-out-everywhere).
  await sequelize.query('ALTER TABLE users ADD COLUMN revoked_before timestamptz');
  // A just-in-time account keeps no email its issuer has not verified.
  await sequelize.query('ALTER TABLE users ALTER COLUMN email DROP NOT NULL');
  await sequelize.query(`
    CREATE TABLE account_tokens (
      id serial PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      purpose varchar(16) NOT NULL CHECK (purpose IN ('reset', 'verify')),
      token_hash char(64) NOT NULL UNIQUE,
      email varchar(254) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
  await sequelize.query('CREATE INDEX account_tokens_user_purpose ON account_tokens (user_id, purpose, created_at)');
  await sequelize.query('CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at)');
};

export const down: Migration = async ({ context: { sequelize } }) => {
  await sequelize.query('DROP TABLE account_tokens');
  // Refuses (and changes nothing) while accounts without an email exist.
  await sequelize.query('ALTER TABLE users ALTER COLUMN email SET NOT NULL');
  await sequelize.query('ALTER TABLE users DROP COLUMN revoked_before');
  await sequelize.query('ALTER TABLE users DROP COLUMN email_verified');
};
