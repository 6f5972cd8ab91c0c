// Interop with the design's frontend issuer: tokens from a real Better Auth server (jwt plugin, EdDSA,
// JWKS) are accepted through JWKS_URL, mapped to local users on first sight, and held to the same rules.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SignJWT, decodeProtectedHeader, generateKeyPair } from 'jose';
import pg from 'pg';
import request from 'supertest';
import { promoteToAdmin } from '../../src/users/promote';
import { createTestApp, type TestApp } from '../support/testApp';
import { adminQuery, freePort, withDatabase } from '../support/testDatabase';

const ISSUER = 'https://frontend.example.test';
const AUDIENCE = 'rampart-api';
const database = `better_auth_${process.env.JEST_WORKER_ID ?? '1'}`;
const databaseUrl = () => withDatabase(process.env.RAMPART_TEST_SERVER_URL as string, database);

let betterAuth: ChildProcess;
let baseURL: string;
let ctx: TestApp;

async function startBetterAuth(): Promise<void> {
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  betterAuth = spawn(process.execPath, [path.join(__dirname, 'better-auth-server.mjs')], {
    env: { PATH: process.env.PATH, PORT: String(port), DATABASE_URL: databaseUrl(), ISSUER, AUDIENCE },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    betterAuth.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    betterAuth.once('exit', (code) => reject(new Error(`Better Auth exited with ${code}`)));
  });
}

/** Signs up at Better Auth, as the Next.js frontend would, and fetches a JWT from its /api/auth/token. */
async function betterAuthToken(email: string): Promise<string> {
  const signUp = await fetch(`${baseURL}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL },
    body: JSON.stringify({ email, password: 'better-auth-password-1', name: 'Frontend User' }),
  });
  expect(signUp.status).toBe(200);
  const cookie = signUp.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const res = await fetch(`${baseURL}/api/auth/token`, { headers: { cookie, origin: baseURL } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const jwksEnv = () => ({ JWKS_URL: `${baseURL}/api/auth/jwks`, JWKS_ISSUER: ISSUER, JWKS_AUDIENCE: AUDIENCE });
let emailCounter = 0;
const nextEmail = () => `frontend-${process.pid}-${++emailCounter}@example.com`;

beforeAll(async () => {
  const server = process.env.RAMPART_TEST_SERVER_URL as string;
  await adminQuery(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(server, `CREATE DATABASE "${database}"`);
  await startBetterAuth();
  ctx = await createTestApp(jwksEnv(), { jwksCooldownMs: 0 });
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  betterAuth?.kill('SIGTERM');
});

describe('Better Auth tokens via JWKS', () => {
  it('signs with EdDSA and a kid, as the jwt plugin does by default', async () => {
    const header = decodeProtectedHeader(await betterAuthToken(nextEmail()));
    expect(header).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
  });

  it('accepts a Better Auth token and maps its subject to one local user on first sight', async () => {
    const email = nextEmail();
    const token = await betterAuthToken(email);
    const first = await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ email, name: 'Frontend User', role: 'user' });
    const again = await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(again.body.id).toBe(first.body.id);
  });

  it('applies ownership to external users like to local ones', async () => {
    const alice = `Bearer ${await betterAuthToken(nextEmail())}`;
    const bob = `Bearer ${await betterAuthToken(nextEmail())}`;
    const todo = await request(ctx.app).post('/api/users/me/todos').set('Authorization', alice).send({ title: 'mine' });
    expect(todo.status).toBe(201);
    const aliceId = todo.body.user_id as number;
    const foreignCollection = await request(ctx.app).get(`/api/users/${aliceId}/todos`).set('Authorization', bob);
    expect(foreignCollection.status).toBe(403);
    const foreignItem = await request(ctx.app).get(`/api/users/me/todos/${todo.body.id}`).set('Authorization', bob);
    expect(foreignItem.status).toBe(404);
  });

  it('reads the admin role from the local database for external users too', async () => {
    const email = nextEmail();
    const token = `Bearer ${await betterAuthToken(email)}`;
    expect((await request(ctx.app).get('/api/admin/users').set('Authorization', token)).status).toBe(403);
    expect(await promoteToAdmin(ctx.db.sequelize, email)).toBe(true);
    expect((await request(ctx.app).get('/api/admin/users').set('Authorization', token)).status).toBe(200);
  });

  it('follows a key rotation: a token signed with a new kid is verified after refetching the JWKS', async () => {
    const before = await betterAuthToken(nextEmail());
    expect((await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${before}`)).status).toBe(200);

    // Rotate: drop Better Auth's key pair; its next token is signed with a freshly generated one.
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    await client.query('DELETE FROM jwks');
    await client.end();

    const after = await betterAuthToken(nextEmail());
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    expect((await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${after}`)).status).toBe(200);
  });

  it('rejects a token whose issuer is not configured', async () => {
    const other = await createTestApp(
      { ...jwksEnv(), JWKS_ISSUER: 'https://someone-else.example.test' },
      { db: ctx.db },
    );
    const token = await betterAuthToken(nextEmail());
    const res = await request(other.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: 'Invalid token', code: 'INVALID_TOKEN' });
  });

  it('rejects a token claiming the configured issuer but signed with a key outside its JWKS', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    const forged = await new SignJWT({ email: nextEmail() })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'attacker' })
      .setSubject('attacker')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
  });

  it('rejects an HS256 token claiming the external issuer (algorithm allow-list)', async () => {
    const forged = await new SignJWT({ email: nextEmail() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('attacker')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(ctx.config.jwt.secret));
    expect((await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
  });

  it('never links an external identity to an existing account by email', async () => {
    const email = nextEmail();
    await request(ctx.app)
      .post('/api/auth/signup')
      .send({ email, password: 'correct horse battery staple', name: 'Local' })
      .expect(201);
    const token = await betterAuthToken(email);
    const res = await request(ctx.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      detail: 'Email already registered with another sign-in method',
      code: 'EMAIL_TAKEN_BY_ANOTHER_METHOD',
    });
  });
});
