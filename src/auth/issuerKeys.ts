// The external issuer's signing keys, from its JWKS: cached, refetched for an unknown key id at most once per
// cooldown, and after a failed fetch answered as unavailable (503, Retry-After) until a growing backoff passes.
// A published key that cannot be imported is the issuer's failure too: 503, never a 500.
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { problem } from '../http/errors';

export interface IssuerKeySettings {
  jwksUrl: string;
  /** Minimum time between two fetches triggered by unknown key ids. */
  cooldownMs: number;
  /** Keys older than this are fetched again before use. */
  cacheMaxAgeMs: number;
  timeoutMs: number;
  /** First wait after a failed fetch; it doubles with each failure in a row, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

type LocalKeys = ReturnType<typeof createLocalJWKSet>;

/** A key set holds a few keys of a few hundred bytes each; anything near this is not one. */
export const MAX_JWKS_BYTES = 64 * 1024;

/** The body as text, read no further than `max` bytes: a huge answer costs neither memory nor parse time. */
async function boundedText(response: Response, max: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body?.cancel();
    throw new Error(`JWKS larger than ${max} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) throw new Error(`JWKS larger than ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createIssuerKeys(settings: IssuerKeySettings): JWTVerifyGetKey {
  let keys: LocalKeys | undefined;
  let fetchedAt = -Infinity;
  let retryAt = -Infinity;
  let failures = 0;
  let pending: Promise<LocalKeys> | undefined;

  const unavailable = (cause?: unknown) =>
    problem('ISSUER_UNAVAILABLE', {
      headers: { 'Retry-After': String(Math.max(1, Math.ceil((retryAt - Date.now()) / 1000))) },
      cause,
    });

  async function download(): Promise<LocalKeys> {
    // Redirects are not followed: the key set comes from the configured URL or not at all (as jose does).
    const response = await fetch(settings.jwksUrl, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    if (response.status !== 200) throw new Error(`JWKS answered HTTP ${response.status}`);
    // createLocalJWKSet refuses anything that is not a JSON Web Key Set.
    return createLocalJWKSet(JSON.parse(await boundedText(response, MAX_JWKS_BYTES)) as JSONWebKeySet);
  }

  /** One fetch at a time; a failure starts the backoff, during which no fetch is tried. */
  function refresh(): Promise<LocalKeys> {
    if (Date.now() < retryAt) return Promise.reject(unavailable());
    pending ??= download()
      .then((fresh) => {
        keys = fresh;
        fetchedAt = Date.now();
        failures = 0;
        return fresh;
      })
      .catch((cause: unknown) => {
        retryAt = Date.now() + Math.min(settings.backoffMs * 2 ** failures, settings.maxBackoffMs);
        failures += 1;
        throw unavailable(cause);
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  /**
   * The key for this token from `from`. jose's own errors are about the token (a 401); anything else means the
   * issuer published a key that cannot be imported, which is the issuer's fault, so unavailable (503) too.
   */
  async function keyFrom(from: LocalKeys, ...args: Parameters<LocalKeys>) {
    try {
      return await from(...args);
    } catch (err) {
      throw err instanceof errors.JOSEError ? err : unavailable(err);
    }
  }

  return async (header, token) => {
    const current = keys && Date.now() - fetchedAt < settings.cacheMaxAgeMs ? keys : await refresh();
    try {
      return await keyFrom(current, header, token);
    } catch (err) {
      // A new key id may mean the issuer rotated its keys: look again, but not more than once per cooldown.
      if (!(err instanceof errors.JWKSNoMatchingKey) || Date.now() - fetchedAt < settings.cooldownMs) throw err;
      return keyFrom(await refresh(), header, token);
    }
  };
}
