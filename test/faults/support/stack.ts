// One fault-test fixture: a throw-away PostgreSQL, migrated, and the built server running against it.
import { startTempPostgres, type TempPostgres } from '../../../bench/harness/postgres';
import { migrate, productionEnv, startServer, type ServerProcess } from '../../../bench/harness/serverProcess';

export interface Stack {
  pg: TempPostgres;
  server: ServerProcess;
  close(): Promise<void>;
}

/** Settings every fault test shares: real bcrypt at the lowest allowed cost, no rate limit in the way of load. */
export const FAULT_ENV = { BCRYPT_ROUNDS: '10', AUTH_RATE_LIMIT_MAX: '100000', LOG_LEVEL: 'warn' };

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const pg = await startTempPostgres();
  try {
    await migrate(pg.url);
    const server = await startServer({ env: productionEnv(pg.url, { ...FAULT_ENV, ...env }) });
    return {
      pg,
      server,
      async close() {
        await server.stop().catch(() => undefined);
        await pg.destroy();
      },
    };
  } catch (err) {
    await pg.destroy();
    throw err;
  }
}

/** The server's error log lines (the first few), to explain a failed assertion. */
export function serverErrors(stack: Stack, max = 3): string {
  const lines = stack.server
    .log()
    .split('\n')
    .filter((line) => line.includes('"msg":"unhandled error"') || line.includes('"level":"fatal"'));
  return lines.length === 0 ? 'no error lines in the server log' : lines.slice(0, max).join('\n');
}
