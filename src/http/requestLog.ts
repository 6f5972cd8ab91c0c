// Request ids and the access log: one `request completed` line per request, written when its response ends.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

declare module 'express-serve-static-core' {
  interface Request {
    /** The caller's X-Request-Id when it is safe to echo, else a fresh UUID; in every log line of the request. */
    id?: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Only what an operator needs: id, method, URL and client address, status and time. No headers, so no
 * credentials or cookies, ever reach the log. Liveness probes are not logged.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (req.url.startsWith('/api/health')) return next();
    const started = performance.now();
    const { method, url } = req;
    const remoteAddress = req.socket.remoteAddress;
    res.once('close', () => {
      const completed = res.writableFinished;
      const fields = {
        req: { id, method, url, remoteAddress },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (!completed) logger.error(fields, 'request aborted');
      else if (res.statusCode >= 500) logger.error(fields, 'request completed');
      else logger.info(fields, 'request completed');
    });
    next();
  };
}
