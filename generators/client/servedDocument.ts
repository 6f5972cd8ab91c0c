// Reads /api/openapi.json as the app serves it: from a running server's URL, or from the docs router on a free port.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApiDocsRouter } from '../../src/openapi/routes';
import { resources } from '../../src/resources';

export const DOCUMENT_PATH = '/api/openapi.json';

async function fetchDocument(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * The OpenAPI document at `url`, or, without one, the document this checkout serves: the same router the
 * app mounts, listening on 127.0.0.1 for one request (it needs no database or secret).
 */
export async function servedDocument(url?: string): Promise<Record<string, unknown>> {
  if (url) return fetchDocument(url);
  const app = express().use(createApiDocsRouter(resources));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  try {
    const { port } = server.address() as AddressInfo;
    return await fetchDocument(`http://127.0.0.1:${port}${DOCUMENT_PATH}`);
  } finally {
    server.close();
  }
}
