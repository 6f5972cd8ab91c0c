// Issue 15: jose's errors are mapped by their code; anything else is a bug and must not look like a bad token.
import express from 'express';
import { errors } from 'jose';
import request from 'supertest';
import { TokenRejected, createTokenService, type TokenSettings } from '../../src/auth/tokens';
import { createErrorHandler } from '../../src/http/errorHandler';
import { createLogger } from '../../src/logger';
import { forgeToken } from '../support/factories';

const settings: TokenSettings = {
  secret: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  issuer: 'rampart',
  audience: 'rampart-api',
  expiresIn: '1h',
};
const user = { id: 7, email: 'ada@example.com', role: 'user' as const, token_version: 0 };

describe('token verification errors', () => {
  it('maps an expired token to TokenRejected("expired") and a bad signature to TokenRejected("invalid")', async () => {
    const tokens = createTokenService(settings);
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await forgeToken(7, { claims: { iat: past - 60, exp: past } });
    await expect(tokens.verify(expired)).rejects.toEqual(new TokenRejected('expired'));
    const wrongKey = await forgeToken(7, { secret: `${settings.secret}-not-this-one` });
    await expect(tokens.verify(wrongKey)).rejects.toEqual(new TokenRejected('invalid'));
    await expect(tokens.verify('not.a.jwt')).rejects.toEqual(new TokenRejected('invalid'));
  });

  it('lets an error that is not jose’s verdict on the token through, instead of calling the token invalid', async () => {
    const token = await createTokenService(settings).issue(user);
    // A lifetime jose cannot read is a configuration bug: verifying any token then throws a TypeError.
    const misconfigured = createTokenService({ ...settings, expiresIn: 'a fortnight' });
    const failure = await misconfigured.verify(token).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).not.toBeInstanceOf(TokenRejected);
  });

  it('answers a jose error that reaches the error middleware as a 500, not a 401', async () => {
    const app = express();
    app.get('/', () => {
      throw new errors.JWSSignatureVerificationFailed();
    });
    app.use(createErrorHandler(createLogger('silent')));
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ detail: 'Internal server error', code: 'INTERNAL_ERROR' });
  });
});
