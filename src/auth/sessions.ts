// Server-side sessions: every token Rampart issues names one; the per-request check reads it with its user.
import { randomUUID } from 'node:crypto';
import {
  DataTypes,
  Op,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
  type Transaction,
} from 'sequelize';
import { quoteIdentifier, statement, statementRunner, type Statement } from '../db/statements';
import type { User, UserModel } from '../users/model';

export interface Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  id: string;
  user_id: number;
  created_at: CreationOptional<Date>;
  last_seen_at: CreationOptional<Date>;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
  revoked_at: CreationOptional<Date | null>;
}

/** What the per-request check reads: the live session and its user, who is a User instance without the hash. */
export interface ActiveSession {
  id: string;
  last_seen_at: Date;
  user: User;
}

/** Where a session was opened from, as shown in the session list. */
export interface SessionClient {
  userAgent?: string;
  ip?: string;
}

export interface PublicSession {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
  current: boolean;
}

/** last_seen_at is written at most this often per session, so reads stay reads. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;
/** Expired sessions deleted per new session: more than are created, so the table cannot grow without bound. */
const PRUNE_BATCH = 100;

export interface SessionStore {
  /** Opens a session for the user; also prunes a batch of expired ones. */
  open(userId: number, id: string, expiresAt: Date, client: SessionClient, transaction?: Transaction): Promise<void>;
  /**
   * The live session with its user, in one prepared statement; null when unknown, revoked, expired, not that
   * user's, or the user is gone. The user is read without `password_hash` (see findActiveStatement).
   */
  findActive(sessionId: string, userId: number): Promise<ActiveSession | null>;
  /** Whether the session is live, as committed when this statement runs (inside `transaction`). */
  isLive(sessionId: string, transaction: Transaction): Promise<boolean>;
  /** Records activity: one UPDATE at most once a minute per session, no query otherwise. */
  touch(session: ActiveSession): Promise<void>;
  listActive(userId: number, currentId: string | undefined): Promise<PublicSession[]>;
  /** Ends one of the user's live sessions; false when there is no such live session of theirs. */
  revoke(userId: number, sessionId: string): Promise<boolean>;
  revokeAll(userId: number, transaction?: Transaction): Promise<number>;
  /** Deletes up to `limit` expired sessions; returns how many. */
  prune(limit?: number): Promise<number>;
}

export const newSessionId = (): string => randomUUID();

function defineSessionModel(sequelize: Sequelize): ModelStatic<Session> {
  if (sequelize.models.Session) return sequelize.models.Session as ModelStatic<Session>;
  return sequelize.define<Session>(
    'Session',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      created_at: DataTypes.DATE,
      last_seen_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      user_agent: { type: DataTypes.STRING(512), allowNull: true },
      ip: { type: DataTypes.STRING(64), allowNull: true },
      revoked_at: { type: DataTypes.DATE, allowNull: true },
    },
    { tableName: 'sessions', createdAt: 'created_at', updatedAt: false },
  );
}

/** Never read by the per-request check: only the use-cases that check a password read it, fresh. */
const SECRET_USER_COLUMNS = new Set(['password_hash']);

/**
 * $1 session id, $2 user id: the live session joined with its user, by the primary key of each table, so it
 * stays flat however many sessions there are. The session's columns are aliased `session_*`, so they never
 * collide with the user's (`id`, `created_at`); the user's are the model's, but for the password hash.
 */
export function findActiveStatement(users: UserModel): Statement {
  const columns = Object.entries(users.getAttributes())
    .filter(([name]) => !SECRET_USER_COLUMNS.has(name))
    .map(([name, attribute]) => `u.${quoteIdentifier(attribute.field ?? name)} AS ${quoteIdentifier(name)}`);
  return statement(
    `SELECT s.id AS session_id, s.last_seen_at AS session_last_seen_at, ${columns.join(', ')}
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
  );
}

/** $1 session id; the condition keeps concurrent requests of one session from each writing it. */
const TOUCH = statement(
  `UPDATE sessions SET last_seen_at = now()
    WHERE id = $1 AND last_seen_at < now() - make_interval(secs => ${LAST_SEEN_RESOLUTION_MS / 1000})`,
);

/**
 * $1 how many: the oldest expired sessions first, found through the expires_at index, then deleted by primary
 * key. `= ANY (ARRAY(...))` rather than `IN (...)`: a generic plan cannot know $1 is small, and for `IN` it
 * would hash-join against a scan of the whole table.
 */
export const PRUNE = statement(
  `DELETE FROM sessions WHERE id = ANY (ARRAY(
     SELECT id FROM sessions WHERE expires_at < now() ORDER BY expires_at LIMIT $1
   )) RETURNING id`,
);

/** users.id is a PostgreSQL integer. */
const MAX_USER_ID = 2 ** 31 - 1;

interface ActiveRow {
  session_id: string;
  session_last_seen_at: Date;
  [userColumn: string]: unknown;
}

const live = () => ({ revoked_at: null, expires_at: { [Op.gt]: new Date() } });

export function createSessionStore(users: UserModel): SessionStore {
  const sequelize = users.sequelize as Sequelize;
  const sessions = defineSessionModel(sequelize);
  const run = statementRunner(sequelize);
  const findActive = findActiveStatement(users);

  async function prune(limit = PRUNE_BATCH): Promise<number> {
    return (await run(PRUNE, [limit])).length;
  }

  return {
    async open(userId, id, expiresAt, client, transaction) {
      await sessions.create(
        {
          id,
          user_id: userId,
          expires_at: expiresAt,
          user_agent: client.userAgent?.slice(0, 512) ?? null,
          ip: client.ip?.slice(0, 64) ?? null,
        },
        { transaction },
      );
      await prune();
    },
    async findActive(sessionId, userId) {
      // A subject beyond the integer column names no user; the statement would refuse to bind it.
      if (!Number.isInteger(userId) || userId < 1 || userId > MAX_USER_ID) return null;
      const [row] = await run<ActiveRow>(findActive, [sessionId, userId]);
      if (!row) return null;
      const { session_id: id, session_last_seen_at: lastSeenAt, ...columns } = row;
      // As Sequelize builds a query's rows: a stored record, values taken as read.
      const user = users.build(columns as unknown as InferCreationAttributes<User>, { isNewRecord: false, raw: true });
      return { id, last_seen_at: lastSeenAt, user };
    },
    async isLive(sessionId, transaction) {
      return (await sessions.count({ where: { id: sessionId, ...live() }, transaction })) > 0;
    },
    async touch(session) {
      if (Date.now() - session.last_seen_at.getTime() < LAST_SEEN_RESOLUTION_MS) return;
      await run(TOUCH, [session.id]);
    },
    async listActive(userId, currentId) {
      const rows = await sessions.findAll({ where: { user_id: userId, ...live() }, order: [['created_at', 'DESC']] });
      return rows.map((row) => ({
        id: row.id,
        created_at: row.created_at,
        last_seen_at: row.last_seen_at,
        expires_at: row.expires_at,
        user_agent: row.user_agent,
        ip: row.ip,
        current: row.id === currentId,
      }));
    },
    async revoke(userId, sessionId) {
      const [count] = await sessions.update(
        { revoked_at: new Date() },
        { where: { id: sessionId, user_id: userId, ...live() } },
      );
      return count > 0;
    },
    async revokeAll(userId, transaction) {
      const [count] = await sessions.update(
        { revoked_at: new Date() },
        { where: { user_id: userId, revoked_at: null }, transaction },
      );
      return count;
    },
    prune,
  };
}
