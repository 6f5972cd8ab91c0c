// Responses that carry or depend on credentials must never be stored by a browser or a shared cache.
import type { RequestHandler, Response } from 'express';

export function preventCaching(res: Response): void {
  // Pragma for HTTP/1.0 caches that predate Cache-Control.
  res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

export const noStore: RequestHandler = (_req, res, next) => {
  preventCaching(res);
  next();
};
