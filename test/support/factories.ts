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
  user: PublicUser;
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
  const { user, token } = res.body as { user: PublicUser; token: string };
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

/** A token built by hand, valid unless the options break it: for the JWT attack tests. */
export async function forgeToken(userId: number, options: ForgeOptions = {}): Promise<string> {
  const claims = forgedClaims(userId, FORGED_IDENTITY, options.claims);
  return signRaw({ alg: 'HS256', typ: 'JWT', ...options.header }, claims, options.secret ?? TEST_JWT_SECRET);
}
