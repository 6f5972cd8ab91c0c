// Starts (or connects to) the suite's PostgreSQL, migrates a template database and clones one per worker.
import type { Config } from 'jest';
import { createDatabase } from '../../src/db/database';
import { migrateUp } from '../../src/db/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../src/dev/embeddedPostgres';
import { TEMPLATE_DATABASE, adminQuery, freePort, makeTempDir, withDatabase, workerDatabaseName } from './testDatabase';

declare global {
  var __RAMPART_EMBEDDED_PG__: { server: EmbeddedPostgresServer; dataDir: string } | undefined;
  /** The server whose test databases this process already prepared (StrykerJS runs jest once per mutant). */
  var __RAMPART_PREPARED_SERVER__: string | undefined;
}

export default async function globalSetup(globalConfig: Config): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = makeTempDir('rampart-test-pg-');
    const server = await startEmbeddedPostgres({
      dataDir: `${dataDir}/data`,
      port: await freePort(),
      password: 'rampart-test',
      persistent: false,
    });
    globalThis.__RAMPART_EMBEDDED_PG__ = { server, dataDir };
    serverUrl = server.url();
  }
  process.env.RAMPART_TEST_SERVER_URL = serverUrl;

  const workers = Array.from({ length: Math.max(1, Number(globalConfig.maxWorkers ?? 1)) }, (_, i) =>
    workerDatabaseName(String(i + 1)),
  );
  // StrykerJS runs jest once per mutant in the same process: the migrated template is kept, every worker
  // database is still fresh, so no run sees another's rows or rate-limit counters.
  const templateReady = globalThis.__RAMPART_PREPARED_SERVER__ === serverUrl;
  const stale = templateReady ? workers : [TEMPLATE_DATABASE, ...workers];
  for (const name of stale) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  if (!templateReady) {
    await adminQuery(serverUrl, `CREATE DATABASE "${TEMPLATE_DATABASE}"`);
    const db = createDatabase({
      url: withDatabase(serverUrl, TEMPLATE_DATABASE),
      poolMax: 4,
      acquireTimeoutMs: 10_000,
      statementTimeoutMs: 60_000,
    });
    try {
      await migrateUp(db.sequelize);
    } finally {
      await db.close();
    }
  }
  for (const name of workers) {
    await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
  }
  if (process.env.STRYKER_MUTATOR_WORKER) globalThis.__RAMPART_PREPARED_SERVER__ = serverUrl;
}
