// The external issuer's algorithm allow-list, against a JWKS whose keys would verify the refused algorithms too:
// without the list, a PS256 or RS512 token over an RS256 key, or an ES384 token over a P-384 key, would pass.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/testApp';

const ISSUER = 'https://issuer.example.test';
const AUDIENCE = 'rampart-api';

interface IssuerKey {
  kid: string;
  /** Private key material, imported for whichever algorithm a token claims. */
  privateJwk: JWK;
}

let jwks: Server;
let ctx: TestApp;
const keys: Record<'rsa' | 'p256' | 'p384' | 'ed25519', IssuerKey> = {} as never;

/** A key pair whose public JWK is published without `alg`, so the key set alone does not pin an algorithm. */
async function issuerKey(alg: string, options: { crv?: string } = {}): Promise<{ key: IssuerKey; jwk: object }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { ...options, extractable: true });
  const kid = randomUUID();
  return {
    key: { kid, privateJwk: await exportJWK(privateKey) },
    jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig' },
  };
}

beforeAll(async () => {
  const rsa = await issuerKey('RS256');
  const p256 = await issuerKey('ES256');
  const p384 = await issuerKey('ES384');
  const ed25519 = await issuerKey('EdDSA');
  Object.assign(keys, { rsa: rsa.key, p256: p256.key, p384: p384.key, ed25519: ed25519.key });
  const body = JSON.stringify({ keys: [rsa.jwk, p256.jwk, p384.jwk, ed25519.jwk] });
  jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const { port } = jwks.address() as AddressInfo;
  ctx = await createTestApp(
    { JWKS_URL: `http://127.0.0.1:${port}/jwks`, JWKS_ISSUER: ISSUER, JWKS_AUDIENCE: AUDIENCE },
    { jwksCooldownMs: 0 },
  );
});

afterAll(async () => {
  await ctx?.close();
  await new Promise((resolve) => jwks?.close(resolve));
});

async function externalToken(alg: string, key: IssuerKey): Promise<string> {
  return new SignJWT({ email: `external-${randomUUID().slice(0, 8)}@example.com` })
    .setProtectedHeader({ alg, kid: key.kid })
    .setSubject(randomUUID())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importJWK(key.privateJwk, alg));
}

const me = (token: string) => request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);

describe('external issuer algorithm allow-list', () => {
  it.each([
    ['RS256', 'rsa'],
    ['ES256', 'p256'],
    ['EdDSA', 'ed25519'],
  ] as const)('accepts a %s token signed with a published key', async (alg, key) => {
    expect((await me(await externalToken(alg, keys[key]))).status).toBe(200);
  });

  it.each([
    ['PS256', 'rsa'],
    ['RS512', 'rsa'],
    ['ES384', 'p384'],
  ] as const)('refuses a %s token although a published key verifies its signature', async (alg, key) => {
    const res = await me(await externalToken(alg, keys[key]));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
  });
});
