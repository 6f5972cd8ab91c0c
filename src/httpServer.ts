// The HTTP server around the app, with the timeouts that keep slow or stalled clients from holding sockets.
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config';

/** How often Node checks requests against their timeouts; its default of 30 s would double them. */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export function createHttpServer(
  app: Express,
  config: Pick<Config, 'keepAliveTimeoutMs' | 'requestTimeoutMs' | 'headersTimeoutMs'>,
): Server {
  const server = createServer(
    {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.headersTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    app,
  );
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  return server;
}
