// Users and tokens for tests, made through the public API so they are exactly what a client gets.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import type { PublicUser } from '../../src/users/model';
import { defineUserModel } from '../../src/users/model';
import { forgedClaims, signRaw } from './forgedTokens';
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

const FORGED_IDENTITY = { iss: 'rampart', aud: 'rampart-api', email: 'forged@example.com', role: 'user' };

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
  const userId = typeof subject === 'number' ? subject : subject.user.id;
  const sid = typeof subject === 'number' ? randomUUID() : sessionIdOf(subject.token);
  const claims = forgedClaims(userId, FORGED_IDENTITY, { sid, ...options.claims });
  return signRaw({ alg: 'HS256', typ: 'JWT', ...options.header }, claims, options.secret ?? TEST_JWT_SECRET);
}
