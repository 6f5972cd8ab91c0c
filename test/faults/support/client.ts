// A small HTTP client for fault tests: every call resolves (never throws) with a status, the body and the
// time it took, or with the network error code when no response came.
import http from 'node:http';

export interface Outcome {
  status: number;
  body: string;
  json: unknown;
  ms: number;
  headers: http.IncomingHttpHeaders;
  /** Set when no response arrived: ECONNREFUSED, ECONNRESET, TIMEOUT, ... */
  error?: string;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
  /** A keep-alive agent to reuse connections; by default every call opens a fresh one. */
  agent?: http.Agent;
}

export function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<Outcome> {
  const started = performance.now();
  const payload =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return new Promise((resolve) => {
    /** A request that never got a whole response: status 0 and the socket error's code. */
    const fail = (err: NodeJS.ErrnoException) =>
      resolve({
        status: 0,
        body: '',
        json: undefined,
        ms: performance.now() - started,
        headers: {},
        error: err.code ?? err.message,
      });
    const req = http.request(
      `${baseUrl}${path}`,
      {
        method: options.method ?? 'GET',
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 10_000,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(body);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body, json, ms: performance.now() - started, headers: res.headers });
        });
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', fail);
    req.end(payload);
  });
}

export interface SignedUp {
  id: number;
  email: string;
  token: string;
  auth: { authorization: string };
}

let counter = 0;

export async function signUp(baseUrl: string, label = 'fault'): Promise<SignedUp> {
  counter += 1;
  const email = `${label}-${process.pid}-${counter}-${Date.now()}@example.com`;
  const res = await call(baseUrl, '/api/auth/signup', {
    method: 'POST',
    body: { email, password: 'correct horse battery staple', name: 'Fault Tester' },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.body}`);
  const { user, token } = res.json as { user: { id: number }; token: string };
  return { id: user.id, email, token, auth: { authorization: `Bearer ${token}` } };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
