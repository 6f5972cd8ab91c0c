// Where a server's CPU goes on the read path: runs it under V8's sampling profiler (--cpu-prof) and sums
// self time by package, so a throughput gap between Rampart and the baseline has a measured cause.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, type LoadFigures } from '../harness/load';
import { startServer, type StartOptions } from '../harness/serverProcess';
import { requestHeaders, type PathRequest } from './pathRatio';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuBreakdown {
  load: LoadFigures;
  /** Server CPU time (user + system, from /proc) per request, in milliseconds. */
  cpuMsPerRequest: number;
  /** Share of busy CPU time by package or runtime part, largest first. */
  shares: { part: string; percent: number }[];
}

/** Buckets a stack frame: an npm package, the app itself, Node's own JavaScript, or the runtime. */
function partOf(frame: ProfileNode['callFrame']): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url)?.[1];
  if (pkg) return pkg;
  if (frame.url.includes('/dist/') || frame.url.includes('/bench/baseline/')) return 'application code';
  if (frame.url.startsWith('node:')) return 'node core (http, streams, events)';
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(idle)') return 'idle';
  return 'native (socket writes, syscalls, V8)';
}

export function summariseProfile(profile: CpuProfile): { shares: CpuBreakdown['shares'] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const part = partOf(node.callFrame);
    totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  totals.delete('idle');
  const busy = [...totals.values()].reduce((sum, value) => sum + value, 0);
  const shares = [...totals]
    .map(([part, micros]) => ({ part, percent: (micros / busy) * 100 }))
    .sort((a, b) => b.percent - a.percent);
  return { shares };
}

export async function profileUnderLoad(
  server: StartOptions,
  request: PathRequest,
  options: { connections: number; warmupSec: number; durationSec: number },
): Promise<CpuBreakdown> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-cpuprof-'));
  try {
    const child = await startServer({
      ...server,
      nodeArgs: [...(server.nodeArgs ?? []), '--cpu-prof', `--cpu-prof-dir=${dir}`],
    });
    const target = {
      url: `${child.baseUrl}${request.path}`,
      method: request.method,
      headers: requestHeaders(request),
      body: request.body,
      connections: options.connections,
    };
    await load({ ...target, durationSec: options.warmupSec });
    const cpuBefore = child.cpuMs();
    const figures = await load({ ...target, durationSec: options.durationSec });
    const cpuMs = child.cpuMs() - cpuBefore;
    await child.stop();
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('the server wrote no CPU profile');
    const { shares } = summariseProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile);
    return { load: figures, cpuMsPerRequest: cpuMs / figures.total, shares };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
