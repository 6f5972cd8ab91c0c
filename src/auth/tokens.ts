// Access tokens: our own HS256 JWTs (signed and verified with jose, every claim checked) and, when
// configured, tokens of one external issuer verified against its JWKS (e.g. Better Auth's jwt plugin).
import { SignJWT, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import { createIssuerKeys } from './issuerKeys';
import type { Role } from '../users/model';

export type VerifiedToken =
  | { kind: 'local'; userId: number; tokenVersion: number }
  | { kind: 'external'; issuer: string; subject: string; email?: string; name?: string };

export interface TokenSubject {
  id: number;
  email: string;
  role: Role;
  token_version: number;
}

export interface TokenService {
  issue(user: TokenSubject): Promise<string>;
  /** Resolves to who the token speaks for; rejects with TokenRejected saying why. */
  verify(token: string): Promise<VerifiedToken>;
}

export interface ExternalIssuerSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Minimum time between two JWKS fetches triggered by unknown key ids. */
  cooldownMs?: number;
  /** First wait after a failed JWKS fetch (doubling up to 30 s), during which tokens needing a fetch get 503. */
  backoffMs?: number;
}

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  expiresIn: string;
  external?: ExternalIssuerSettings;
}

export type TokenRejection = 'expired' | 'invalid';

export class TokenRejected extends Error {
  constructor(readonly reason: TokenRejection) {
    super(reason === 'expired' ? 'Token expired' : 'Invalid token');
    this.name = 'TokenRejected';
  }
}

const LOCAL_ALGORITHM = 'HS256';
/** Allowed clock difference between this server and a token's issuer. */
const CLOCK_TOLERANCE = '30s';
/** Upper bound on an external token's age, which also makes jose refuse an `iat` in the future. */
const EXTERNAL_MAX_AGE = '30d';
/** Asymmetric algorithms only: an HMAC "signed" with a public key must never verify. */
export const EXTERNAL_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];
const SUBJECT = /^[1-9]\d{0,9}$/;

/** jose's codes for a token that is bad in itself: the only verification errors that are a 401. */
const INVALID_TOKEN_CODES = new Set([
  'ERR_JWT_INVALID',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);
/** An external subject is stored in a varchar(255) and must be a real string: an array would match several rows. */
const EXTERNAL_SUBJECT_MAX = 255;

/** Maps jose's errors by their code; anything else (a bug) goes on to the error middleware as a 500. */
function mapVerificationError(err: unknown): unknown {
  if (!(err instanceof errors.JOSEError)) return err;
  if (err.code === 'ERR_JWT_EXPIRED') return new TokenRejected('expired');
  if (INVALID_TOKEN_CODES.has(err.code)) return new TokenRejected('invalid');
  return err;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function createTokenService(settings: TokenSettings): TokenService {
  const key = new TextEncoder().encode(settings.secret);
  const { external } = settings;
  const jwks = external
    ? createIssuerKeys({
        jwksUrl: external.jwksUrl,
        timeoutMs: 3_000,
        cooldownMs: external.cooldownMs ?? 30_000,
        cacheMaxAgeMs: 10 * 60_000,
        backoffMs: external.backoffMs ?? 1_000,
        maxBackoffMs: 30_000,
      })
    : undefined;

  async function verifyLocal(token: string): Promise<VerifiedToken> {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [LOCAL_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      typ: 'JWT',
      requiredClaims: ['exp', 'iat', 'sub'],
      // No token of ours is older than its lifetime, and none is issued in the future.
      maxTokenAge: settings.expiresIn,
      clockTolerance: CLOCK_TOLERANCE,
    });
    const sub = payload.sub ?? '';
    if (!SUBJECT.test(sub) || (payload.user_id !== undefined && payload.user_id !== Number(sub))) {
      throw new TokenRejected('invalid');
    }
    const tokenVersion = payload.ver ?? 0;
    if (!Number.isSafeInteger(tokenVersion)) throw new TokenRejected('invalid');
    return { kind: 'local', userId: Number(sub), tokenVersion: tokenVersion as number };
  }

  async function verifyExternal(token: string, issuer: ExternalIssuerSettings): Promise<VerifiedToken> {
    const { payload } = await jwtVerify(token, jwks!, {
      algorithms: EXTERNAL_ALGORITHMS,
      issuer: issuer.issuer,
      audience: issuer.audience,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: EXTERNAL_MAX_AGE,
      clockTolerance: CLOCK_TOLERANCE,
    });
    const subject: unknown = payload.sub;
    if (
      typeof subject !== 'string' ||
      subject.length === 0 ||
      subject.length > EXTERNAL_SUBJECT_MAX ||
      subject.includes('\u0000')
    ) {
      throw new TokenRejected('invalid');
    }
    return {
      kind: 'external',
      issuer: issuer.issuer,
      subject,
      email: optionalString(payload.email),
      name: optionalString(payload.name),
    };
  }

  return {
    async issue(user) {
      return new SignJWT({ user_id: user.id, email: user.email, role: user.role, ver: user.token_version })
        .setProtectedHeader({ alg: LOCAL_ALGORITHM, typ: 'JWT' })
        .setSubject(String(user.id))
        .setIssuedAt()
        .setExpirationTime(settings.expiresIn)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .sign(key);
    },
    async verify(token) {
      try {
        // The unverified issuer only picks which key set verifies the token; nothing else is trusted yet.
        const claimed: JWTPayload = decodeJwt(token);
        if (external && claimed.iss === external.issuer) return await verifyExternal(token, external);
        return await verifyLocal(token);
      } catch (err) {
        throw mapVerificationError(err);
      }
    },
  };
}
