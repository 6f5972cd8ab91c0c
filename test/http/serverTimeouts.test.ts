// Issue 10 item 10: the HTTP server drops a request whose headers or body stall (HTTP_HEADERS_TIMEOUT_MS,
// HTTP_REQUEST_TIMEOUT_MS), instead of holding its socket for Node's default 300 s.
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createHttpServer } from '../../src/httpServer';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let server: Server;
let port: number;

beforeAll(async () => {
  ctx = await createTestApp({ HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_HEADERS_TIMEOUT_MS: '1000' });
  server = createHttpServer(ctx.app, ctx.config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
});

/** Writes `raw` and resolves with what the server answered and how long until it closed the socket. */
function stall(raw: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    socket.setTimeout(10_000, () => reject(new Error('the server kept the stalled socket open')));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
  });
}

describe('HTTP server timeouts', () => {
  it('defaults to 30 s for a whole request and 20 s for its headers', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect([config.requestTimeoutMs, config.headersTimeoutMs]).toEqual([30_000, 20_000]);
    expect(() => loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '6000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
  });

  it('answers 408 and closes a request whose body stalls, within the request timeout', async () => {
    const { answer, closedAfterMs } = await stall(
      `POST /api/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(1_900);
    expect(closedAfterMs).toBeLessThan(4_500);
  });

  it('closes a connection whose headers stall, within the headers timeout', async () => {
    const { closedAfterMs } = await stall('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: a');
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(3_500);
  });

  it('keeps an idle keep-alive connection past the headers timeout (the load balancer reuses it)', async () => {
    const answers = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('error', reject);
      setTimeout(() => socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 2_500);
      socket.on('close', () => resolve(text));
    });
    expect(answers.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
  });
});
