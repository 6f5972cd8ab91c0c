// Shared shell of the command-line tools: configured (or development) database in, exit status out.
import { loadConfig, type Config } from '../config';
import { resolveServices } from '../dev/devServices';
import { createLogger, type Logger } from '../logger';
import type { Database } from './database';
import { openDatabase } from './openDatabase';

/**
 * Runs `work` against the database the server would use, always closing it afterwards; any error is
 * printed as one line (no stack) and the process exits 1.
 */
export function runDatabaseCommand(work: (db: Database, logger: Logger, config: Config) => Promise<void>): void {
  const run = async () => {
    const config = loadConfig(process.env, 'databaseCommand');
    const logger = createLogger(config.logLevel);
    const services = await resolveServices(config, logger);
    const db = openDatabase(config.database, services.databaseUrl);
    try {
      await work(db, logger, config);
    } finally {
      await db.close();
      await services.stop();
    }
  };
  run().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
