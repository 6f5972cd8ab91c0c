// Access tokens minted with the server's own secret and claims, for seeded users that never signed in:
// each gets a server-side session row, as a sign-in would create.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { withClient } from './seed';

/** The secret every harness-started server runs with; never a real deployment's. */
export const HARNESS_JWT_SECRET = 'bench-and-fault-tests-secret-0123456789abcdef';
export const JWT_ISSUER = 'rampart';
export const JWT_AUDIENCE = 'rampart-api';

export async function accessToken(
  databaseUrl: string,
  userId: number,
  email = `user${userId}@example.com`,
): Promise<string> {
  const sessionId = randomUUID();
  await withClient(databaseUrl, (client) =>
    client.query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '2 hours')`, [
      sessionId,
      userId,
    ]),
  );
  return new SignJWT({ user_id: userId, email, role: 'user', sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuedAt()
    .setExpirationTime('2h')
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .sign(new TextEncoder().encode(HARNESS_JWT_SECRET));
}

/** The session id (`sid`) a token names. */
export function tokenSessionId(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sid?: unknown };
  if (typeof payload.sid !== 'string' || !/^[0-9a-f-]{36}$/.test(payload.sid))
    throw new Error('token names no session');
  return payload.sid;
}
