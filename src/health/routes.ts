// Liveness (/api/health, never touches the database) and readiness (/api/health/ready).
import { Router } from 'express';
import type { Database } from '../db/database';
import { problem } from '../http/errors';
import type { Lifecycle } from '../lifecycle';

const READY_TIMEOUT_MS = 1_000;

export function createHealthRouter(db: Database, lifecycle: Lifecycle): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (lifecycle.shuttingDown) throw problem('SHUTTING_DOWN');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('readiness check timed out')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([db.ping(), timeout]);
    } catch {
      throw problem('DATABASE_UNAVAILABLE');
    } finally {
      clearTimeout(timer);
    }
    res.json({ status: 'ready' });
  });
  return router;
}
