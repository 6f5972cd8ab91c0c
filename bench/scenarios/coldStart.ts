// Benchmark 5: process start to the first 200 on /api/health, and resident memory once idle.
import { productionEnv, startServer } from '../harness/serverProcess';

export interface ColdStart {
  startupMs: number[];
  idleRssMb: number[];
}

const IDLE_SETTLE_MS = 2_000;

export async function measureColdStart(databaseUrl: string, runs: number): Promise<ColdStart> {
  const result: ColdStart = { startupMs: [], idleRssMb: [] };
  for (let i = 0; i < runs; i += 1) {
    const server = await startServer({ env: productionEnv(databaseUrl, { LOG_LEVEL: 'warn' }) });
    result.startupMs.push(server.startupMs);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
    result.idleRssMb.push(server.rss() / 1024 / 1024);
    await server.stop();
  }
  return result;
}
