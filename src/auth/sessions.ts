// Server-side sessions: every token Rampart issues names one; the per-request check reads it with its user.
import { randomUUID } from 'node:crypto';
import {
  DataTypes,
  Op,
  QueryTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
  type Transaction,
} from 'sequelize';
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
  /** Joined by `findActive`. */
  user?: User;
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
  /** The live session with its user, in one query; null when unknown, revoked, expired or not that user's. */
  findActive(sessionId: string, userId: number): Promise<Session | null>;
  /** Whether the session is live, as committed when this statement runs (inside `transaction`). */
  isLive(sessionId: string, transaction: Transaction): Promise<boolean>;
  /** Records activity, at most once a minute; never fails the request. */
  touch(session: Session): Promise<void>;
  listActive(userId: number, currentId: string | undefined): Promise<PublicSession[]>;
  /** Ends one of the user's live sessions; false when there is no such live session of theirs. */
  revoke(userId: number, sessionId: string): Promise<boolean>;
  revokeAll(userId: number, transaction?: Transaction): Promise<number>;
  /** Deletes up to `limit` expired sessions; returns how many. */
  prune(limit?: number): Promise<number>;
}

export const newSessionId = (): string => randomUUID();

function defineSessionModel(sequelize: Sequelize, users: UserModel): ModelStatic<Session> {
  if (sequelize.models.Session) return sequelize.models.Session as ModelStatic<Session>;
  const sessions = sequelize.define<Session>(
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
  sessions.belongsTo(users, { as: 'user', foreignKey: 'user_id' });
  return sessions;
}

const live = () => ({ revoked_at: null, expires_at: { [Op.gt]: new Date() } });

export function createSessionStore(users: UserModel): SessionStore {
  const sequelize = users.sequelize as Sequelize;
  const sessions = defineSessionModel(sequelize, users);

  async function prune(limit = PRUNE_BATCH): Promise<number> {
    const rows = await sequelize.query(
      `DELETE FROM sessions WHERE id IN (
         SELECT id FROM sessions WHERE expires_at < now() ORDER BY expires_at LIMIT :limit
       ) RETURNING id`,
      { replacements: { limit }, type: QueryTypes.SELECT },
    );
    return rows.length;
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
    findActive(sessionId, userId) {
      return sessions.findOne({
        where: { id: sessionId, user_id: userId, ...live() },
        include: [{ model: users, as: 'user', required: true }],
      });
    },
    async isLive(sessionId, transaction) {
      return (await sessions.count({ where: { id: sessionId, ...live() }, transaction })) > 0;
    },
    async touch(session) {
      if (Date.now() - session.last_seen_at.getTime() < LAST_SEEN_RESOLUTION_MS) return;
      await sessions.update({ last_seen_at: new Date() }, { where: { id: session.id } });
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
