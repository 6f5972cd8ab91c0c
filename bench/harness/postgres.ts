// A throw-away PostgreSQL for one benchmark or fault-test run: temp data directory, free port, removable at the end.
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../../src/dev/embeddedPostgres';
import { freePort, makeTempDir, removeDir, withDatabase } from '../../test/support/testDatabase';

export interface TempPostgres {
  /** URL of the application database on this server. */
  readonly url: string;
  /** Stops the server, keeping its data, so it can be started again (the outage test). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  destroy(): Promise<void>;
}

const DATABASE = 'rampart';

export async function startTempPostgres(): Promise<TempPostgres> {
  const dir = makeTempDir('rampart-pg-');
  let server: EmbeddedPostgresServer;
  try {
    // Persistent, so a stop() for the outage test keeps the data; destroy() removes it.
    server = await startEmbeddedPostgres({
      dataDir: `${dir}/data`,
      port: await freePort(),
      password: 'rampart-bench',
      persistent: true,
    });
    await server.createDatabase(DATABASE);
  } catch (err) {
    removeDir(dir);
    throw err;
  }
  let running = true;
  return {
    url: withDatabase(server.url(), DATABASE),
    async stop() {
      await server.stop();
      running = false;
    },
    async start() {
      await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop().catch(() => undefined);
      running = false;
      removeDir(dir);
    },
  };
}
