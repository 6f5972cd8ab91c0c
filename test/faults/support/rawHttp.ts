// Sends bytes exactly as given over a fresh TCP connection, so a test can send what no HTTP client would
// (broken framing, CR/LF in headers, oversized headers), and reads back the status line and body.
import net from 'node:net';

export interface RawResponse {
  /** 0 when no response came back. */
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
  error?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: [string, string][];
  body?: string | Buffer;
  /** Sent verbatim instead of a request built from the fields above. */
  raw?: Buffer | string;
}

export function encodeRequest(request: RawRequest, port: number): Buffer {
  if (request.raw !== undefined) return Buffer.from(request.raw);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: [string, string][] = [
    ['Host', `127.0.0.1:${port}`],
    ['Connection', 'close'],
    ...(request.headers ?? []),
  ];
  const named = (name: string) => headers.some(([key]) => key.toLowerCase() === name);
  if (body && !named('content-length') && !named('transfer-encoding'))
    headers.push(['Content-Length', String(body.length)]);
  const head = `${request.method} ${request.path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  // latin1 keeps every byte of a header value as given, including deliberately invalid ones.
  return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
}

function parse(raw: Buffer): Omit<RawResponse, 'ms'> {
  // Interim 1xx responses (100 Continue) precede the final one: skip them.
  const text = raw.toString('utf8').replace(/^(HTTP\/1\.[01] 1\d\d[^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: split < 0 ? '' : text.slice(split + 4) };
}

export function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const response = parse(Buffer.concat(chunks));
      resolve({ ...response, ms: performance.now() - started, ...(response.status === 0 && error ? { error } : {}) });
    };
    // No half-close: Node's HTTP server abandons a request whose client has ended its side. Requests ask for
    // Connection: close, so the server ends the exchange.
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(encodeRequest(request, port)));
    socket.setTimeout(timeoutMs, () => finish('TIMEOUT'));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish());
    socket.on('close', () => finish('CLOSED'));
    // A server may reset after answering (e.g. a 413 before reading the whole body): keep what arrived.
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code ?? err.message));
  });
}

/** Runs requests with a bounded number in flight, preserving order in the result. */
export async function sendAll<T>(items: T[], concurrency: number, send: (item: T) => Promise<RawResponse>) {
  const results: RawResponse[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await send(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
