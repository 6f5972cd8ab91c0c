// Checklist: the JWT middleware accepts only unexpired HS256 tokens of this issuer and audience, for users that exist.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { defineUserModel } from '../../src/users/model';
import { forgeToken, sessionIdOf, signUp, type SignedUpUser } from '../support/factories';
import { encodePart } from '../support/forgedTokens';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let alice: SignedUpUser;
beforeAll(async () => {
  ctx = await createTestApp();
  alice = await signUp(ctx.app);
});
afterAll(() => ctx.close());

const me = (authorization?: string) => {
  const req = request(ctx.app).get('/api/auth/me');
  return authorization === undefined ? req : req.set('Authorization', authorization);
};

async function expect401(authorization: string | undefined, detail: string) {
  const res = await me(authorization);
  expect(res.status).toBe(401);
  const code = { 'Missing or invalid authorization header': 'MISSING_CREDENTIALS', 'Token expired': 'TOKEN_EXPIRED' }[
    detail
  ];
  expect(res.body).toEqual({ detail, code: code ?? 'INVALID_TOKEN' });
  expect(res.headers['www-authenticate']).toBe('Bearer');
}

describe('JWT verification', () => {
  it('accepts the token signup issued', async () => {
    const res = await me(`Bearer ${alice.token}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(alice.user.id);
  });

  it('issues the documented claims', async () => {
    const [, payload] = alice.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toEqual({
      sub: String(alice.user.id),
      user_id: alice.user.id,
      email: alice.user.email,
      role: 'user',
      iat: expect.any(Number),
      exp: expect.any(Number),
      iss: ctx.config.jwt.issuer,
      aud: ctx.config.jwt.audience,
      sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(claims.exp - claims.iat).toBe(7 * 24 * 3600);
  });

  it('accepts a hand-built token naming a live session (the control for the forged tokens below)', async () => {
    const res = await request(ctx.app)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${await forgeToken(alice)}`);
    expect(res.status).toBe(200);
  });

  it("rejects a validly signed token that names no session, or another user's", async () => {
    const bob = await signUp(ctx.app);
    await expect401(`Bearer ${await forgeToken(alice, { claims: { sid: undefined } })}`, 'Invalid token');
    await expect401(`Bearer ${await forgeToken(alice, { claims: { sid: randomUUID() } })}`, 'Invalid token');
    await expect401(`Bearer ${await forgeToken(alice, { claims: { sid: sessionIdOf(bob.token) } })}`, 'Invalid token');
  });

  it('rejects a request without a token', () => expect401(undefined, 'Missing or invalid authorization header'));

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'bearer-token', `Token ${'a.b.c'}`, 'Bearer not a jwt'])(
    'rejects a malformed authorization header: %s',
    (header) => expect401(header, 'Missing or invalid authorization header'),
  );

  it('rejects an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const token = await forgeToken(alice, { claims: { iat: past - 60, exp: past } });
    await expect401(`Bearer ${token}`, 'Token expired');
  });

  it('says why in the rejection the token service throws, for whoever logs it', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await forgeToken(alice, { claims: { iat: past - 60, exp: past } });
    await expect(ctx.tokens.verify(expired)).rejects.toMatchObject({
      name: 'TokenRejected',
      reason: 'expired',
      message: 'Token expired',
    });
    await expect(ctx.tokens.verify('not.a.token')).rejects.toMatchObject({
      name: 'TokenRejected',
      reason: 'invalid',
      message: 'Invalid token',
    });
  });

  it('rejects a tampered payload', async () => {
    const [header, , signature] = alice.token.split('.');
    const payload = encodePart({ sub: '999999', user_id: 999999, role: 'admin', exp: 9999999999, iat: 1 });
    await expect401(`Bearer ${header}.${payload}.${signature}`, 'Invalid token');
  });

  it('rejects alg none (unsigned) tokens', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      const header = encodePart({ alg, typ: 'JWT' });
      const [, payload] = alice.token.split('.');
      await expect401(`Bearer ${header}.${payload}.`, 'Invalid token');
    }
  });

  it('rejects a token with its signature stripped', async () => {
    const [header, payload] = alice.token.split('.');
    await expect401(`Bearer ${header}.${payload}.`, 'Invalid token');
  });

  it('rejects a token signed with another HMAC algorithm (HS512)', async () => {
    const token = await forgeToken(alice, { header: { alg: 'HS512' } });
    await expect401(`Bearer ${token}`, 'Invalid token');
  });

  it('rejects a token signed with the wrong secret', async () => {
    const token = await forgeToken(alice, { secret: 'another-secret-that-is-long-enough-0123456789' });
    await expect401(`Bearer ${token}`, 'Invalid token');
  });

  it('rejects a wrong issuer', async () => {
    await expect401(`Bearer ${await forgeToken(alice, { claims: { iss: 'evil' } })}`, 'Invalid token');
  });

  it('rejects a wrong audience', async () => {
    await expect401(`Bearer ${await forgeToken(alice, { claims: { aud: 'other-api' } })}`, 'Invalid token');
  });

  it.each(['exp', 'iat', 'sub'])('rejects a token without %s', async (claim) => {
    await expect401(`Bearer ${await forgeToken(alice, { claims: { [claim]: undefined } })}`, 'Invalid token');
  });

  it('rejects a token that is not yet valid (nbf in the future)', async () => {
    const token = await forgeToken(alice, { claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } });
    await expect401(`Bearer ${token}`, 'Invalid token');
  });

  it('rejects a token issued in the future (iat beyond the clock tolerance)', async () => {
    const later = Math.floor(Date.now() / 1000) + 3600;
    const token = await forgeToken(alice, { claims: { iat: later, exp: later + 3600 } });
    await expect401(`Bearer ${token}`, 'Invalid token');
  });

  it('rejects a token older than the configured lifetime, even with a far exp', async () => {
    const longAgo = Math.floor(Date.now() / 1000) - 30 * 24 * 3600;
    const token = await forgeToken(alice, { claims: { iat: longAgo, exp: longAgo + 365 * 24 * 3600 } });
    await expect401(`Bearer ${token}`, 'Token expired');
  });

  it('rejects a wrong typ header', async () => {
    await expect401(`Bearer ${await forgeToken(alice, { header: { typ: 'at+jwt' } })}`, 'Invalid token');
  });

  it('rejects an unknown critical header', async () => {
    const token = await forgeToken(alice, { header: { crit: ['x-custom'], 'x-custom': 1 } });
    await expect401(`Bearer ${token}`, 'Invalid token');
  });

  it('rejects a sub that disagrees with user_id', async () => {
    const token = await forgeToken(alice, { claims: { user_id: alice.user.id + 1 } });
    await expect401(`Bearer ${token}`, 'Invalid token');
  });

  it('accepts a token of ours that names its user in sub alone: user_id is checked only when present', async () => {
    const token = await forgeToken(alice, { claims: { user_id: undefined } });
    const res = await me(`Bearer ${token}`);
    expect([res.status, res.body.id]).toEqual([200, alice.user.id]);
  });

  it('rejects a non-numeric sub', async () => {
    await expect401(
      `Bearer ${await forgeToken(1, { claims: { sub: "1' OR '1'='1", user_id: undefined } })}`,
      'Invalid token',
    );
  });

  it('rejects the token of a user who was deleted', async () => {
    const bob = await signUp(ctx.app);
    await defineUserModel(ctx.db.sequelize).destroy({ where: { id: bob.user.id } });
    await expect401(`Bearer ${bob.token}`, 'Invalid token');
  });
});

describe('key confusion', () => {
  it('ignores embedded jwk, jku and kid headers that point at an attacker key', async () => {
    const attackerSecret = 'attacker-controlled-secret-0123456789abcdef';
    const headers = [
      { jwk: { kty: 'oct', k: Buffer.from(attackerSecret).toString('base64url') } },
      { jku: 'http://127.0.0.1:1/jwks.json' },
      { kid: '../../../../dev/null' },
    ];
    for (const header of headers) {
      const token = await forgeToken(alice, { header, secret: attackerSecret });
      await expect401(`Bearer ${token}`, 'Invalid token');
    }
  });

  it('rejects an RS256 header signed with the secret as an HMAC key (HS/RS confusion)', async () => {
    const token = await forgeToken(alice, { header: { alg: 'RS256' } });
    await expect401(`Bearer ${token}`, 'Invalid token');
  });
});
