// Benchmarks 1 and 2: the protected read and write paths of Rampart against the bare node:http + pg baseline.
import http from 'node:http';
import type { BenchProfile } from '../profile';
import { load, type LoadFigures, type LoadOptions } from '../harness/load';
import type { ServerProcess } from '../harness/serverProcess';

export interface PathComparison {
  path: string;
  rampart: LoadFigures[];
  baseline: LoadFigures[];
  /** Mean requests/s of Rampart over the baseline's. */
  ratio: number;
}

export interface PathRequest {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: string;
}

/** The request's headers: its token, and the JSON content type when it has a body. */
export function requestHeaders(request: PathRequest): Record<string, string> {
  return {
    authorization: `Bearer ${request.token}`,
    ...(request.body ? { 'content-type': 'application/json' } : {}),
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export async function comparePath(
  profile: BenchProfile,
  servers: { rampart: ServerProcess; baseline: ServerProcess },
  request: PathRequest,
): Promise<PathComparison> {
  const options = (server: ServerProcess): LoadOptions => ({
    url: `${server.baseUrl}${request.path}`,
    method: request.method,
    headers: requestHeaders(request),
    body: request.body,
    connections: profile.connections,
    warmupSec: profile.warmupSec,
    durationSec: profile.durationSec,
  });
  const rampart: LoadFigures[] = [];
  const baseline: LoadFigures[] = [];
  for (let round = 0; round < profile.ratioRounds; round += 1) {
    // Alternate who goes first, so a slow phase of the shared machine does not always hit the same side.
    if (round % 2 === 0) {
      baseline.push(await load(options(servers.baseline)));
      rampart.push(await load(options(servers.rampart)));
    } else {
      rampart.push(await load(options(servers.rampart)));
      baseline.push(await load(options(servers.baseline)));
    }
  }
  const ratio = mean(rampart.map((f) => f.requestsPerSec)) / mean(baseline.map((f) => f.requestsPerSec));
  return { path: `${request.method} ${request.path}`, rampart, baseline, ratio };
}

export function meanFigures(runs: LoadFigures[]): { rps: number; p50: number; p99: number; errors: number } {
  return {
    rps: Math.round(mean(runs.map((f) => f.requestsPerSec))),
    p50: mean(runs.map((f) => f.p50Ms)),
    p99: mean(runs.map((f) => f.p99Ms)),
    errors: runs.reduce((sum, f) => sum + f.errors + f.non2xx, 0),
  };
}

/** Headers whose presence depends on how a body is framed or cached, not on the contract's work. */
const FRAMING_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'etag']);

function headerNames(baseUrl: string, request: PathRequest): Promise<{ status: number; names: string[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${request.path}`,
      { method: request.method, headers: requestHeaders(request), agent: false },
      (res) => {
        res.resume();
        const names = Object.keys(res.headers).filter((name) => !FRAMING_HEADERS.has(name));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, names: names.sort() }));
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * The ratio compares like with like only if both servers do the same work: refuses to measure when the baseline
 * answers with another status or another set of headers (security, cache, request id, Link) than Rampart.
 */
export async function assertSameHeaders(
  servers: { rampart: ServerProcess; baseline: ServerProcess },
  request: PathRequest,
): Promise<void> {
  const rampart = await headerNames(servers.rampart.baseUrl, request);
  const baseline = await headerNames(servers.baseline.baseUrl, request);
  const missing = rampart.names.filter((name) => !baseline.names.includes(name));
  const extra = baseline.names.filter((name) => !rampart.names.includes(name));
  if (rampart.status !== baseline.status || missing.length > 0 || extra.length > 0) {
    throw new Error(
      `the baseline does not answer ${request.method} ${request.path} as Rampart does: status ${baseline.status} vs ` +
        `${rampart.status}; headers missing from the baseline: ${missing.join(', ') || 'none'}; extra: ` +
        `${extra.join(', ') || 'none'} (bench/baseline/server.ts)`,
    );
  }
}
