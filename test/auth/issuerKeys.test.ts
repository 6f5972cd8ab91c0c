// Checklist: the external issuer's keys are cached, refetched when they age and when a token names a key id the
// cache lacks (a rotation), but not more than once per cooldown, so unknown kids cannot make the API hammer the issuer.
import { createIssuerKeys, type IssuerKeySettings } from '../../src/auth/issuerKeys';
import { startLocalIssuer, type LocalIssuer } from '../support/localIssuer';

let issuer: LocalIssuer;
beforeEach(async () => {
  issuer = await startLocalIssuer();
});
afterEach(() => issuer.close());

const keysFor = (settings: Partial<IssuerKeySettings>) =>
  createIssuerKeys({
    jwksUrl: issuer.env.JWKS_URL as string,
    cooldownMs: 30_000,
    cacheMaxAgeMs: 600_000,
    timeoutMs: 3_000,
    backoffMs: 1_000,
    maxBackoffMs: 30_000,
    ...settings,
  });

/** The key for a token whose header names `kid`. */
const keyFor = (keys: ReturnType<typeof createIssuerKeys>, kid: string) =>
  keys({ alg: 'EdDSA', kid }, { payload: '', signature: '' });

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('issuer keys', () => {
  it('fetches the key set once and serves known keys from the cache', async () => {
    const keys = keysFor({});
    await keyFor(keys, 'key-1');
    await keyFor(keys, 'key-1');
    expect(issuer.fetches).toBe(1);
  });

  it('fetches the key set again once the cached one is older than its maximum age', async () => {
    const keys = keysFor({ cacheMaxAgeMs: 1_000 });
    await keyFor(keys, 'key-1');
    await keyFor(keys, 'key-1');
    expect(issuer.fetches).toBe(1);
    await wait(1_100);
    await keyFor(keys, 'key-1');
    expect(issuer.fetches).toBe(2);
  });

  it('picks up a rotated key: a kid the cache lacks triggers one fetch', async () => {
    const keys = keysFor({ cooldownMs: 0 });
    await keyFor(keys, 'key-1');
    const rotated = await issuer.rotate();
    await expect(keyFor(keys, rotated)).resolves.toBeDefined();
    expect(issuer.fetches).toBe(2);
  });

  it('does not refetch for an unknown kid within the cooldown, then does after it', async () => {
    const keys = keysFor({ cooldownMs: 2_000 });
    await keyFor(keys, 'key-1');
    const rotated = await issuer.rotate();
    await expect(keyFor(keys, rotated)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    await expect(keyFor(keys, 'never-published')).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    expect(issuer.fetches).toBe(1);
    await wait(2_100);
    await expect(keyFor(keys, rotated)).resolves.toBeDefined();
    expect(issuer.fetches).toBe(2);
  });
});
