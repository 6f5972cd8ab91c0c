// Transport hardening: security headers, CORS allow-list and HTTPS behind a TLS-terminating proxy.
import type { Request, RequestHandler, Response } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import type { Config } from '../config';
import { problem } from './errors';

/**
 * Helmet's headers for this configuration. None of them depends on the request, so helmet runs once, against a
 * recording response, and each request only copies the recorded list.
 */
export function securityHeaders(config: Config): RequestHandler {
  const fixed = recordHeaders(
    helmet({
      hsts: config.httpsOnly ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      // A JSON API loads nothing: the strictest policy costs nothing.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    }),
  );
  return (_req, res, next) => {
    for (const [name, value] of fixed) res.setHeader(name, value);
    next();
  };
}

/** The headers a middleware sets when run once; refuses one that needs the request or calls next with an error. */
export function recordHeaders(middleware: RequestHandler): [string, string][] {
  const headers: [string, string][] = [];
  const response = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  };
  let done = false;
  void middleware({} as Request, response as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new TypeError('helmet refused its options');
    done = true;
  });
  if (!done) throw new TypeError('security headers must be decided without the request');
  return headers;
}

/** Only the configured origins get CORS headers; with none configured, no cross-origin call is allowed. */
export function corsPolicy(config: Config): RequestHandler {
  const allowed = new Set(config.corsOrigins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['Link', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    credentials: true,
    maxAge: 600,
  });
}

/**
 * In production a load balancer terminates TLS and says so in X-Forwarded-Proto: plain-HTTP requests
 * are redirected. Requests without the header (the balancer's own health checks) are served.
 */
export function redirectToHttps(config: Config): RequestHandler {
  return (req, res, next) => {
    if (!config.httpsOnly || req.headers['x-forwarded-proto'] !== 'http') return next();
    // The Host header, not req.hostname: with trust proxy, that would take a client-sent X-Forwarded-Host
    // (the load balancer passes it through) and let a request choose where it is redirected. An HTTP/1.0 request
    // may have no Host: `https://` + `//evil.example/` would then send the browser to evil.example.
    const { host } = req.headers;
    if (!host) return next(problem('BAD_REQUEST'));
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    res.redirect(status, `https://${host}${req.originalUrl}`);
  };
}
