// Benchmark 4: /api/health latency while clients hammer signin at bcrypt cost 12, and signins/s against
// the rate the cores could reach if they did nothing but hash.
import os from 'node:os';
import bcrypt from 'bcrypt';
import { load, type LoadFigures } from '../harness/load';
import type { ServerProcess } from '../harness/serverProcess';

export interface SigninFlood {
  rounds: number;
  clients: number;
  singleHashMs: number;
  theoreticalPerSec: number;
  /** Hashes/s this machine actually sustains with one comparison in flight per core, with no server involved. */
  measuredParallelPerSec: number;
  /** Completed signins per second (fractional: at cost 12 there are only a few). */
  signinsPerSec: number;
  signin: LoadFigures;
  health: LoadFigures;
}

/** Median time of one bcrypt comparison at this cost, measured on this machine in this run. */
export async function singleHashMs(rounds: number, samples = 5): Promise<number> {
  const hash = await bcrypt.hash('a sample password for timing', rounds);
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await bcrypt.compare('a sample password for timing', hash);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * The machine's real bcrypt throughput: one comparison in flight per core for `seconds`. Differs from the
 * theoretical rate when the cores are hyper-threads of one another or the host is shared.
 */
export async function parallelHashesPerSec(rounds: number, seconds: number): Promise<number> {
  const hash = await bcrypt.hash('a sample password for timing', rounds);
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await bcrypt.compare('a sample password for timing', hash);
      done += 1;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: os.availableParallelism() }, worker));
  return done / ((performance.now() - start) / 1000);
}

export async function measureSigninFlood(
  server: ServerProcess,
  credentials: { email: string; password: string },
  options: { rounds: number; clients: number; durationSec: number },
): Promise<SigninFlood> {
  const hashMs = await singleHashMs(options.rounds);
  const measuredParallelPerSec = await parallelHashesPerSec(options.rounds, 4);
  const flood = load({
    url: `${server.baseUrl}/api/auth/signin`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
    connections: options.clients,
    durationSec: options.durationSec,
  });
  // A steady probe (50 requests/s) rather than a second flood: it samples the event loop without adding load.
  const health = load({
    url: `${server.baseUrl}/api/health`,
    connections: 1,
    overallRate: 50,
    durationSec: options.durationSec,
  });
  const [signin, healthFigures] = await Promise.all([flood, health]);
  return {
    rounds: options.rounds,
    clients: options.clients,
    singleHashMs: hashMs,
    theoreticalPerSec: os.availableParallelism() / (hashMs / 1000),
    measuredParallelPerSec,
    signinsPerSec: signin.total / options.durationSec,
    signin,
    health: healthFigures,
  };
}
