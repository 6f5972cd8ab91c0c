// Access tokens: HS256 JWTs signed and verified with jose, every claim checked.
import { SignJWT, errors, jwtVerify } from 'jose';
import type { Role } from '../users/model';

export interface AccessTokenClaims {
  userId: number;
}

export interface TokenSubject {
  id: number;
  email: string;
  role: Role;
}

export interface TokenService {
  issue(user: TokenSubject): Promise<string>;
  /** Resolves to the user id; rejects with TokenRejected saying why. */
  verify(token: string): Promise<AccessTokenClaims>;
}

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  expiresIn: string;
}

export type TokenRejection = 'expired' | 'invalid';

export class TokenRejected extends Error {
  constructor(readonly reason: TokenRejection) {
    super(reason === 'expired' ? 'Token expired' : 'Invalid token');
    this.name = 'TokenRejected';
  }
}

const ALGORITHM = 'HS256';

export function createTokenService(settings: TokenSettings): TokenService {
  const key = new TextEncoder().encode(settings.secret);
  return {
    async issue(user) {
      return new SignJWT({ user_id: user.id, email: user.email, role: user.role })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(String(user.id))
        .setIssuedAt()
        .setExpirationTime(settings.expiresIn)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .sign(key);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: settings.issuer,
          audience: settings.audience,
          typ: 'JWT',
          requiredClaims: ['exp', 'iat', 'sub'],
        });
        const sub = payload.sub ?? '';
        if (!/^[1-9]\d{0,9}$/.test(sub) || (payload.user_id !== undefined && payload.user_id !== Number(sub))) {
          throw new TokenRejected('invalid');
        }
        return { userId: Number(sub) };
      } catch (err) {
        if (err instanceof TokenRejected) throw err;
        if (err instanceof errors.JWTExpired) throw new TokenRejected('expired');
        throw new TokenRejected('invalid');
      }
    },
  };
}
