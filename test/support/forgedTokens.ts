// Hand-built JWTs for attack tests: any header and claims, HMAC-signed, even ones jose refuses to produce.
import { createHmac } from 'node:crypto';
import type { JWTPayload } from 'jose';

/** Who a forged token claims to be, and for which issuer and audience. */
export interface ForgedIdentity {
  iss: string;
  aud: string;
  email: string;
  role: string;
}

/** Valid claims for `userId`, with `overrides` merged over them; an `undefined` override removes a claim. */
export function forgedClaims(
  userId: number,
  identity: ForgedIdentity,
  overrides: Record<string, unknown> = {},
): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    sub: String(userId),
    user_id: userId,
    iat: now,
    exp: now + 3600,
    ...identity,
    ...overrides,
  };
  for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
  return claims;
}

const HMAC_HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/**
 * Signs any header and payload with HMAC, including ones jose refuses to produce (unknown `crit`,
 * `jku`/`kid` headers): attackers are not limited to well-behaved libraries.
 */
export function signRaw(header: Record<string, unknown>, payload: object, secret: string): string {
  const signingInput = `${encodePart(header)}.${encodePart(payload)}`;
  const hash = HMAC_HASH[String(header.alg)] ?? 'sha256';
  return `${signingInput}.${createHmac(hash, secret).update(signingInput).digest('base64url')}`;
}

/** Encodes a JWT part without signing; a string is taken as the part's exact JSON text. */
export function encodePart(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}
