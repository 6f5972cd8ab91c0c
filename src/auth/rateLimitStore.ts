// An express-rate-limit store keeping counters in PostgreSQL, so every app instance shares one limit.
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { QueryTypes, type Sequelize } from 'sequelize';

interface HitRow {
  hits: number;
  reset_at: Date;
}

export class PostgresRateLimitStore implements Store {
  /** Counters live in the database, not in this process. */
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly sequelize: Sequelize,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows = await this.sequelize.query<HitRow>(
      'SELECT hits, reset_at FROM rate_limit_hits WHERE key = :key AND reset_at > now()',
      { replacements: { key: this.prefix + key }, type: QueryTypes.SELECT },
    );
    const row = rows[0];
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined;
  }

  /** One atomic statement: concurrent requests from several instances never lose a hit. */
  async increment(key: string): Promise<ClientRateLimitInfo> {
    const rows = await this.sequelize.query<HitRow>(
      `INSERT INTO rate_limit_hits (key, hits, reset_at)
       VALUES (:key, 1, now() + make_interval(secs => :windowSeconds))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limit_hits.reset_at <= now() THEN 1 ELSE rate_limit_hits.hits + 1 END,
         reset_at = CASE WHEN rate_limit_hits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limit_hits.reset_at END
       RETURNING hits, reset_at`,
      { replacements: { key: this.prefix + key, windowSeconds: this.windowMs / 1000 }, type: QueryTypes.SELECT },
    );
    if (Math.random() < 0.01) await this.pruneExpired();
    const row = rows[0] as HitRow;
    return { totalHits: row.hits, resetTime: new Date(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.sequelize.query('UPDATE rate_limit_hits SET hits = GREATEST(hits - 1, 0) WHERE key = :key', {
      replacements: { key: this.prefix + key },
    });
  }

  async resetKey(key: string): Promise<void> {
    await this.sequelize.query('DELETE FROM rate_limit_hits WHERE key = :key', {
      replacements: { key: this.prefix + key },
    });
  }

  private async pruneExpired(): Promise<void> {
    await this.sequelize.query('DELETE FROM rate_limit_hits WHERE reset_at <= now()');
  }
}
