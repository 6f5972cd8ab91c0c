// A stand-in external issuer: an EdDSA key set served over real HTTP on 127.0.0.1, switchable to the ways an
// issuer fails in an outage (dropped connections, 5xx, a body that is not a key set, a key that cannot be imported).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';

export type IssuerMode =
  | 'up'
  | 'drop'
  | 'error'
  | 'invalid-jwks'
  | 'malformed-key'
  | 'oversized'
  | 'oversized-chunked'
  | 'oversized-declared'
  | 'redirect'
  | 'hang';

export const LOCAL_ISSUER = 'https://issuer.example.test';
export const LOCAL_AUDIENCE = 'rampart-api';
const KID = 'key-1';

export interface LocalIssuer {
  mode: IssuerMode;
  /** The size of the key set the `oversized` modes serve, in bytes: 1 MB unless set. */
  paddedBytes: number;
  /** How many times the key set was asked for. */
  fetches: number;
  /** The Accept header of the last request for it. */
  lastAccept: string | undefined;
  /** JWKS_* variables pointing the app at this issuer. */
  env: Record<string, string>;
  /** A token of this issuer; `claims` go over valid ones, `kid` and `key` can be changed to break it. */
  sign(claims: Record<string, unknown>, options?: { kid?: string; key?: CryptoKey }): Promise<string>;
  /** Publishes a new key beside the old ones and signs with it from now on; returns its kid. */
  rotate(): Promise<string>;
  close(): Promise<void>;
}

export async function startLocalIssuer(): Promise<LocalIssuer> {
  const publish = async (publicKey: CryptoKey, kid: string) => ({
    ...(await exportJWK(publicKey)),
    kid,
    alg: 'EdDSA',
    use: 'sig',
  });
  const first = await generateKeyPair('EdDSA', { extractable: true });
  /** The key new tokens are signed with, and the key set served: every key published so far. */
  let signing = { kid: KID, privateKey: first.privateKey };
  const published = [await publish(first.publicKey, KID)];
  let jwks = JSON.stringify({ keys: published });
  // A well-formed key set whose key, under the right kid, holds a 3-byte Ed25519 public key (32 are needed).
  const broken = JSON.stringify({
    keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', kid: KID, alg: 'EdDSA', use: 'sig' }],
  });
  const server: Server = createServer((req, res) => {
    if (req.url === '/moved') return res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    issuer.fetches += 1;
    issuer.lastAccept = req.headers.accept;
    if (issuer.mode === 'drop') return req.socket.destroy();
    // The key set, one redirect away: a client that follows redirects gets it.
    if (issuer.mode === 'redirect') return res.writeHead(302, { location: '/moved' }).end();
    // Accepts the request and never answers.
    if (issuer.mode === 'hang') return undefined;
    // A gateway error whose body is the key set: only the status says it failed.
    if (issuer.mode === 'error') return res.writeHead(502, { 'content-type': 'application/json' }).end(jwks);
    if (issuer.mode === 'oversized' || issuer.mode === 'oversized-chunked') {
      // The valid key set padded to `paddedBytes` (1 MB unless set): only its size is wrong. Chunked, it declares
      // no length.
      const opening = `${jwks.slice(0, -1)}, "padding": "`;
      const padded = `${opening}${'x'.repeat(issuer.paddedBytes - opening.length - 2)}"}`;
      if (issuer.mode === 'oversized') {
        // Given in writeHead, the length is sent; without it, Node would send the body chunked.
        const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(padded) };
        return res.writeHead(200, headers).end(padded);
      }
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      for (let at = 0; at < padded.length; at += 16_384) res.write(padded.slice(at, at + 16_384));
      return res.end();
    }
    if (issuer.mode === 'oversized-declared') {
      // Declares 1 MB, sends the valid key set and then nothing more: only a client that reads on waits.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 1_000_000 });
      return res.write(jwks);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    const bodies: Partial<Record<IssuerMode, string>> = {
      'invalid-jwks': '{"keys": "not a list"}',
      'malformed-key': broken,
    };
    res.end(bodies[issuer.mode] ?? jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer: LocalIssuer = {
    mode: 'up',
    paddedBytes: 1_000_000,
    fetches: 0,
    lastAccept: undefined,
    env: { JWKS_URL: `http://127.0.0.1:${port}/jwks`, JWKS_ISSUER: LOCAL_ISSUER, JWKS_AUDIENCE: LOCAL_AUDIENCE },
    async sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now, exp: now + 600, ...claims };
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? signing.kid })
        .sign(options.key ?? signing.privateKey);
    },
    async rotate() {
      const next = await generateKeyPair('EdDSA', { extractable: true });
      const kid = `key-${published.length + 1}`;
      published.push(await publish(next.publicKey, kid));
      jwks = JSON.stringify({ keys: published });
      signing = { kid, privateKey: next.privateKey };
      return kid;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return issuer;
}
