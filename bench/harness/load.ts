// autocannon as a library: a warm-up, then a fixed-duration run reduced to the figures the report uses.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  durationSec: number;
  warmupSec?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Several requests a connection cycles through (overrides method/body/path per request). */
  requests?: autocannon.Request[];
  /** Cap on total requests per second, e.g. for a background probe. */
  overallRate?: number;
}

export interface LoadFigures {
  requestsPerSec: number;
  p50Ms: number;
  /** Mean latency, with sub-millisecond precision (the percentiles are whole milliseconds). */
  meanMs: number;
  p99Ms: number;
  maxMs: number;
  total: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
}

function run(options: LoadOptions, durationSec: number): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: durationSec,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    requests: options.requests,
    overallRate: options.overallRate,
    timeout: 10,
  });
}

export function figures(result: autocannon.Result): LoadFigures {
  return {
    requestsPerSec: Math.round((result['2xx'] + result.non2xx) / result.duration),
    p50Ms: result.latency.p50,
    meanMs: result.latency.average,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    total: result['2xx'] + result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
  };
}

export async function load(options: LoadOptions): Promise<LoadFigures> {
  if (options.warmupSec) await run(options, options.warmupSec);
  return figures(await run(options, options.durationSec));
}
