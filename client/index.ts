// The typed API client: openapi-fetch over the generated schema.ts, with a bearer token or the session cookie.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';

/** Every error the API answers: `{"code": "...", "detail": "..."}`, `code` one of the catalogue's. */
export type ApiError = components['schemas']['Error'];
/** A 422: `detail` is the list of `{loc, msg, type}` problems. */
export type ApiValidationError = components['schemas']['ValidationError'];
/** What `error` holds when a call fails: the body of any 4xx/5xx the operation declares. */
export type ApiErrorBody = ApiError | ApiValidationError;
export type ApiClient = Client<paths>;

/** One readable line for an error body: the detail, or the 422 problems as `field: message`. */
export function errorMessage(body: ApiErrorBody): string {
  if (typeof body.detail === 'string') return body.detail;
  return body.detail.map((problem) => `${problem.loc.slice(1).join('.')}: ${problem.msg}`).join('; ');
}

export interface ApiClientOptions {
  /** The API's origin, e.g. `http://localhost:8000` (paths already start with /api). */
  baseUrl: string;
  /**
   * `bearer`: send `token` (or what it returns) as `Authorization: Bearer`. `cookie`: let the browser send the
   * httpOnly session cookie set by signin/signup with `?session=cookie` (`credentials: 'include'`).
   */
  session?:
    { kind: 'bearer'; token: string | (() => string | undefined | Promise<string | undefined>) } | { kind: 'cookie' };
  /** Another fetch (tests, server-side rendering that forwards the caller's cookie); openapi-fetch passes a Request. */
  fetch?: (request: Request) => Promise<Response>;
}

function bearer(token: string | (() => string | undefined | Promise<string | undefined>)): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      if (value) request.headers.set('Authorization', `Bearer ${value}`);
      return request;
    },
  };
}

export function createApiClient({ baseUrl, session, fetch }: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    credentials: session?.kind === 'cookie' ? 'include' : 'same-origin',
    ...(fetch ? { fetch } : {}),
  });
  if (session?.kind === 'bearer') client.use(bearer(session.token));
  return client;
}

/** The `?limit=&cursor=` of the next page from a list response's `Link: <…>; rel="next"`, or undefined on the last. */
export function nextPage(response: Response): { limit: number; cursor: string } | undefined {
  const link = response.headers.get('Link');
  const next = link?.split(',').find((part) => /;\s*rel="?next"?/.test(part));
  const target = next?.match(/<([^>]*)>/)?.[1];
  if (!target) return undefined;
  const query = new URL(target, 'http://link.invalid').searchParams;
  const cursor = query.get('cursor');
  return cursor ? { limit: Number(query.get('limit') ?? 20), cursor } : undefined;
}
