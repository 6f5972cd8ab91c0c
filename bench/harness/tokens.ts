// Access tokens minted with the server's own secret and claims, for seeded users that never signed in.
import { SignJWT } from 'jose';

/** The secret every harness-started server runs with; never a real deployment's. */
export const HARNESS_JWT_SECRET = 'bench-and-fault-tests-secret-0123456789abcdef';
export const JWT_ISSUER = 'rampart';
export const JWT_AUDIENCE = 'rampart-api';

export async function accessToken(userId: number, email = `user${userId}@example.com`): Promise<string> {
  return new SignJWT({ user_id: userId, email, role: 'user' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuedAt()
    .setExpirationTime('2h')
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .sign(new TextEncoder().encode(HARNESS_JWT_SECRET));
}
