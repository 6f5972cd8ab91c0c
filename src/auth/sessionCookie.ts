// The httpOnly session cookie: an alternative to the Authorization header that page scripts cannot read.
import type { Request, Response } from 'express';
import { parse } from 'cookie';
import { decodeJwt } from 'jose';

export interface SessionCookie {
  readonly name: string;
  /** Sets the cookie to this token, expiring with it. */
  set(res: Response, token: string): void;
  clear(res: Response): void;
  read(req: Request): string | undefined;
}

/**
 * In production the `__Host-` prefix makes browsers insist on Secure, Path=/ and no Domain, so the
 * cookie cannot be planted or read by a sibling subdomain or over plain HTTP.
 */
export function createSessionCookie(secure: boolean): SessionCookie {
  const name = secure ? '__Host-rampart_session' : 'rampart_session';
  const options = { httpOnly: true, secure, sameSite: 'lax' as const, path: '/' };
  return {
    name,
    set(res, token) {
      const { exp } = decodeJwt(token);
      const maxAge = Math.max(0, (exp ?? 0) * 1000 - Date.now());
      res.cookie(name, token, { ...options, maxAge });
    },
    clear(res) {
      res.clearCookie(name, options);
    },
    read(req) {
      const header = req.headers.cookie;
      return header ? parse(header)[name] : undefined;
    },
  };
}
