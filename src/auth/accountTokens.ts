// Single-use reset and verification tokens: 32 random bytes sent by mail, only their SHA-256 stored.
import { createHash, randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export type TokenPurpose = 'reset' | 'verify';

export interface IssuedAccountToken {
  /** The secret for the link; never stored, never logged outside the development outbox. */
  token: string;
  userId: number;
  email: string;
}

export interface TokenOwner {
  userId: number;
  email: string;
}

/** At most one mail of each kind per account per minute, whatever the number of callers or IPs. */
const RESEND_INTERVAL_SECONDS = 60;
const PRUNE_BATCH = 100;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface AccountTokenStore {
  /**
   * Issues a reset token for the account with this email and a password, with the same statements whether
   * or not it exists (so both answers cost the same); null when there is none, or one was issued under a minute ago.
   */
  issueReset(email: string, ttlSeconds: number): Promise<IssuedAccountToken | null>;
  /** Issues a token proving `email` belongs to the user; with `throttle`, null if one was issued under a minute ago. */
  issueVerification(
    owner: TokenOwner,
    ttlSeconds: number,
    options?: { throttle?: boolean; transaction?: Transaction },
  ): Promise<IssuedAccountToken | null>;
  /** Who a live token belongs to, without using it up. */
  peek(purpose: TokenPurpose, token: string): Promise<TokenOwner | null>;
  /** Uses the token up, atomically: of two concurrent calls only one gets its owner. */
  consume(purpose: TokenPurpose, token: string, transaction?: Transaction): Promise<TokenOwner | null>;
  /** Voids every unused token of the user for that purpose (a password or email change). */
  voidAll(userId: number, purpose: TokenPurpose, transaction?: Transaction): Promise<void>;
}

interface Row {
  user_id: number;
  email: string;
}

export function createAccountTokenStore(sequelize: Sequelize): AccountTokenStore {
  const newToken = () => randomBytes(32).toString('base64url');
  const toOwner = (row: Row | undefined): TokenOwner | null => (row ? { userId: row.user_id, email: row.email } : null);

  async function prune(transaction?: Transaction): Promise<void> {
    await sequelize.query(
      `DELETE FROM account_tokens WHERE id IN (
         SELECT id FROM account_tokens WHERE expires_at < now() ORDER BY expires_at LIMIT ${PRUNE_BATCH})`,
      { transaction },
    );
  }

  const recentlyIssued = `EXISTS (SELECT 1 FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = :purpose
                          AND t.created_at > now() - make_interval(secs => ${RESEND_INTERVAL_SECONDS}))`;

  return {
    async issueReset(email, ttlSeconds) {
      const token = newToken();
      // Pruned first, whatever the answer, so known and unknown emails run the same statements.
      await prune();
      const [row] = await sequelize.query<Row>(
        `INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at)
         SELECT u.id, :purpose, :hash, u.email, now() + make_interval(secs => :ttl)
         FROM users u
         WHERE u.email = :email AND u.password_hash IS NOT NULL AND NOT ${recentlyIssued}
         RETURNING user_id, email`,
        { replacements: { purpose: 'reset', hash: hashToken(token), ttl: ttlSeconds, email }, type: QueryTypes.SELECT },
      );
      return row ? { token, userId: row.user_id, email: row.email } : null;
    },
    async issueVerification(owner, ttlSeconds, options = {}) {
      const token = newToken();
      const [row] = await sequelize.query<Row>(
        `INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at)
         SELECT u.id, :purpose, :hash, :email, now() + make_interval(secs => :ttl)
         FROM users u
         WHERE u.id = :userId ${options.throttle ? `AND NOT ${recentlyIssued}` : ''}
         RETURNING user_id, email`,
        {
          replacements: {
            purpose: 'verify',
            hash: hashToken(token),
            ttl: ttlSeconds,
            email: owner.email,
            userId: owner.userId,
          },
          type: QueryTypes.SELECT,
          transaction: options.transaction,
        },
      );
      if (!row) return null;
      await prune(options.transaction);
      return { token, userId: row.user_id, email: row.email };
    },
    async peek(purpose, token) {
      if (!TOKEN.test(token)) return null;
      const [row] = await sequelize.query<Row>(
        `SELECT user_id, email FROM account_tokens
         WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()`,
        { replacements: { hash: hashToken(token), purpose }, type: QueryTypes.SELECT },
      );
      return toOwner(row);
    },
    async consume(purpose, token, transaction) {
      if (!TOKEN.test(token)) return null;
      const [row] = await sequelize.query<Row>(
        `UPDATE account_tokens SET used_at = now()
         WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > now()
         RETURNING user_id, email`,
        { replacements: { hash: hashToken(token), purpose }, type: QueryTypes.SELECT, transaction },
      );
      return toOwner(row);
    },
    async voidAll(userId, purpose, transaction) {
      await sequelize.query(
        'UPDATE account_tokens SET used_at = now() WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL',
        { replacements: { userId, purpose }, transaction },
      );
    },
  };
}
