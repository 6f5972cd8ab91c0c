// Tokens an attacker could present: each must be refused with 401 wherever a token is required.
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK, type JWTPayload } from 'jose';
import { HARNESS_JWT_SECRET, JWT_AUDIENCE, JWT_ISSUER } from '../../../bench/harness/tokens';
import { encodePart, forgedClaims, signRaw } from '../../support/forgedTokens';

export interface AttackToken {
  name: string;
  token: string;
}

const secret = new TextEncoder().encode(HARNESS_JWT_SECRET);
const ATTACKER = { iss: JWT_ISSUER, aud: JWT_AUDIENCE, email: 'attacker@example.com', role: 'admin' };

const claims = (sub: number, overrides: Record<string, unknown> = {}) => forgedClaims(sub, ATTACKER, overrides);

function sign(header: Record<string, unknown>, payload: JWTPayload, key: Uint8Array | CryptoKeyLike = secret) {
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key);
}

type CryptoKeyLike = Parameters<SignJWT['sign']>[0];

/** HS256 by hand, for headers jose refuses to produce (unknown crit extensions). */
const hmacToken = (header: Record<string, unknown>, payload: JWTPayload) =>
  signRaw(header, payload, HARNESS_JWT_SECRET);

/** Builds every attack against `victimId`; `ownId` is the attacker's real account, `ownToken` a real token of theirs. */
export async function attackTokens(victimId: number, ownId: number, ownToken: string): Promise<AttackToken[]> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const publicJwk = await exportJWK(publicKey);
  const hs = { alg: 'HS256', typ: 'JWT' };
  const victim = claims(victimId);
  const [ownHeader, ownPayload, ownSignature] = ownToken.split('.') as [string, string, string];
  const victimPayload = encodePart(victim);
  const now = Math.floor(Date.now() / 1000);
  const unsigned = (header: object | string, payload = victimPayload, signature = '') =>
    `${encodePart(header)}.${payload}.${signature}`;

  const attacks: AttackToken[] = [
    // Unsigned tokens.
    ...['none', 'None', 'NONE', 'nOnE'].map((alg) => ({ name: `alg ${alg}`, token: unsigned({ alg, typ: 'JWT' }) })),
    { name: 'alg none with a signature', token: unsigned({ alg: 'none', typ: 'JWT' }, victimPayload, ownSignature) },
    { name: 'alg missing', token: unsigned({ typ: 'JWT' }, victimPayload, ownSignature) },
    { name: 'alg empty', token: unsigned({ alg: '', typ: 'JWT' }) },
    { name: 'stripped signature of a real token', token: `${ownHeader}.${ownPayload}.` },
    { name: 'real token, payload swapped to the victim', token: `${ownHeader}.${victimPayload}.${ownSignature}` },
    { name: 'real token, signature altered', token: `${ownHeader}.${ownPayload}.${ownSignature.slice(0, -4)}AAAA` },
    { name: 'real token, signature of another length', token: `${ownHeader}.${ownPayload}.${ownSignature}AA` },
    { name: 'two segments', token: `${ownHeader}.${ownPayload}` },
    // Wrong keys and algorithms.
    { name: 'HS256 with a guessed secret', token: await sign(hs, victim, new TextEncoder().encode('secret')) },
    { name: 'HS256 with an empty-ish secret', token: await sign(hs, victim, new Uint8Array(1)) },
    {
      name: 'HS/RS confusion: HS256 keyed with an RSA public key',
      token: await sign(hs, victim, new TextEncoder().encode(publicPem)),
    },
    { name: 'RS256 signed by the attacker', token: await sign({ alg: 'RS256', typ: 'JWT' }, victim, privateKey) },
    {
      name: 'RS256 with the attacker key embedded (jwk)',
      token: await sign({ alg: 'RS256', typ: 'JWT', jwk: publicJwk }, victim, privateKey),
    },
    {
      name: 'RS256 with a jku URL',
      token: await sign(
        { alg: 'RS256', typ: 'JWT', jku: 'http://127.0.0.1:9/jwks.json', kid: 'a' },
        victim,
        privateKey,
      ),
    },
    {
      name: 'HS512 with the real secret (algorithm not allowed)',
      token: await sign({ alg: 'HS512', typ: 'JWT' }, victim),
    },
    {
      name: 'HS384 with the real secret (algorithm not allowed)',
      token: await sign({ alg: 'HS384', typ: 'JWT' }, victim),
    },
    {
      name: 'kid path traversal with a guessed key',
      token: await sign({ ...hs, kid: '../../../../../dev/null' }, victim, new Uint8Array(1)),
    },
    {
      name: 'kid SQL injection with a guessed key',
      token: await sign({ ...hs, kid: "x' UNION SELECT 'key' --" }, victim, new TextEncoder().encode('key')),
    },
    {
      name: 'x5u header with a guessed key',
      token: await sign({ ...hs, x5u: 'http://127.0.0.1:9/cert.pem' }, victim, new TextEncoder().encode('secret')),
    },
    {
      name: '__proto__ in the header',
      token: unsigned('{"alg":"HS256","typ":"JWT","__proto__":{"alg":"none"}}', victimPayload, ownSignature),
    },
    // Correctly signed, but with headers or claims the server must refuse.
    {
      name: 'crit with an unknown extension',
      token: hmacToken({ ...hs, crit: ['x-unknown'], 'x-unknown': true }, claims(ownId)),
    },
    { name: 'crit naming a registered claim', token: hmacToken({ ...hs, crit: ['exp'] }, claims(ownId)) },
    { name: 'expired', token: await sign(hs, claims(ownId, { iat: now - 7200, exp: now - 3600 })) },
    { name: 'nbf in the future', token: await sign(hs, claims(ownId, { nbf: now + 3600 })) },
    { name: 'wrong typ', token: await sign({ alg: 'HS256', typ: 'at+jwt' }, claims(ownId)) },
    { name: 'typ JWE', token: await sign({ alg: 'HS256', typ: 'JWE' }, claims(ownId)) },
    { name: 'wrong audience', token: await sign(hs, claims(ownId, { aud: 'another-api' })) },
    { name: 'wrong issuer', token: await sign(hs, claims(ownId, { iss: 'evil' })) },
    { name: 'no exp', token: await sign(hs, claims(ownId, { exp: undefined })) },
    { name: 'no iat', token: await sign(hs, claims(ownId, { iat: undefined })) },
    { name: 'no sub', token: await sign(hs, claims(ownId, { sub: undefined })) },
    { name: 'sub is not an id', token: await sign(hs, claims(ownId, { sub: `${ownId} OR 1=1` })) },
    { name: 'sub zero', token: await sign(hs, claims(0)) },
    { name: 'sub as an array', token: await sign(hs, claims(ownId, { sub: [String(victimId), String(ownId)] })) },
    { name: 'sub as a number', token: await sign(hs, claims(ownId, { sub: victimId })) },
    { name: 'sub of 256 characters', token: await sign(hs, claims(ownId, { sub: '1'.repeat(256) })) },
    { name: 'sub holding a NUL', token: await sign(hs, claims(ownId, { sub: `${ownId}\u0000` })) },
    { name: 'sub of a user that does not exist', token: await sign(hs, claims(2_000_000_000)) },
    { name: 'sub and user_id disagree', token: await sign(hs, claims(ownId, { user_id: victimId })) },
    { name: 'exp as a string', token: await sign(hs, claims(ownId, { exp: String(now + 3600) })) },
    // Not a token at all.
    { name: 'oversized token', token: `${ownHeader}.${encodePart('x'.repeat(12_000))}.${ownSignature}` },
    { name: 'base64 padding characters', token: `${ownHeader}=.${ownPayload}=.${ownSignature}=` },
    { name: 'non-base64 characters', token: `${ownHeader}.${ownPayload}.${ownSignature.slice(0, -1)}*` },
  ];
  return attacks;
}

/** Authorization header values that carry no usable credentials. */
export const MALFORMED_AUTHORIZATION = [
  '',
  'Bearer',
  'Bearer ',
  'Bearer  ',
  'Basic YWRtaW46YWRtaW4=',
  'Token abc',
  'Bearer a.b',
  'Bearer a.b.c.d',
  'Bearer ...',
  'Bearer null',
  'Bearer undefined',
  'Bearer \u00e9\u00e9.\u00e9.\u00e9',
];
