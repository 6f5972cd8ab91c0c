// Users and tokens for tests, made through the public API so they are exactly what a client gets.
import { createHmac, randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import request from 'supertest';
import type { Express } from 'express';
import type { PublicUser } from '../../src/users/model';
import { defineUserModel } from '../../src/users/model';
import type { TestApp } from './testApp';
import { TEST_JWT_SECRET } from './testApp';

export const GOOD_PASSWORD = 'correct horse battery staple';

export interface SignedUpUser {
  /** Signed up locally, so the email is always there. */
  user: PublicUser & { email: string };
  token: string;
  password: string;
  auth: { Authorization: string };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

export async function signUp(
  app: Express,
  fields: { email?: string; password?: string; name?: string } = {},
): Promise<SignedUpUser> {
  const body = { email: uniqueEmail(), password: GOOD_PASSWORD, name: 'Test User', ...fields };
  const res = await request(app).post('/api/auth/signup').send(body);
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { user, token } = res.body as { user: SignedUpUser['user']; token: string };
  return { user, token, password: body.password, auth: { Authorization: `Bearer ${token}` } };
}

/** Signs up a user and grants the admin role directly in the database (as `npm run user:promote` does). */
export async function signUpAdmin(ctx: TestApp): Promise<SignedUpUser> {
  const admin = await signUp(ctx.app, { email: uniqueEmail('admin') });
  await defineUserModel(ctx.db.sequelize).update({ role: 'admin' }, { where: { id: admin.user.id } });
  return admin;
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

export interface ForgeOptions {
  secret?: string;
  header?: Record<string, unknown>;
  /** Claims merged over valid ones; `undefined` removes a claim. */
  claims?: Record<string, unknown>;
}

/** The session id a token of ours names. */
export function sessionIdOf(token: string): string {
  const [, payload] = token.split('.');
  return (JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { sid: string }).sid;
}

/**
 * A token built by hand, valid unless the options break it: for the JWT attack tests. Given a signed-up
 * user it names their live session, so only the broken part can be why it is refused.
 */
export async function forgeToken(subject: SignedUpUser | number, options: ForgeOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const userId = typeof subject === 'number' ? subject : subject.user.id;
  const claims: JWTPayload = {
    sub: String(userId),
    user_id: userId,
    sid: typeof subject === 'number' ? randomUUID() : sessionIdOf(subject.token),
    email: 'forged@example.com',
    role: 'user',
    iat: now,
    exp: now + 3600,
    iss: 'rampart',
    aud: 'rampart-api',
    ...options.claims,
  };
  for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
  return signRaw({ alg: 'HS256', typ: 'JWT', ...options.header }, claims, options.secret ?? TEST_JWT_SECRET);
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

/** Encodes a JWT part without signing, for tokens no library would produce (alg none, stripped signatures). */
export function encodePart(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
