// The benchmark baseline: the todo read and write paths on bare node:http + pg + jose, doing the contract's work
// and nothing else, so the ratio measures what the framework layers cost. "The same work" is what Rampart does on
// these paths in production: a request id and one `request completed` log line per request (Rampart's own
// logger, so the line costs the same), the same security headers, CORS for the allowed origins, HTTPS redirect,
// every claim of the token, the live session read with its user in one statement, no-store, owner check, strict
// validation, the indexed keyset query with its `Link`, JSON out with a length.
//
// BASELINE_WORK=minimal is the earlier, thinner baseline: no request id, log line, security or cache headers,
// CORS or redirect check, and the user row read instead of the session. The bench reports the ratio against it as
// a diagnosis, next to the main one.
//
// BASELINE_FRAMEWORK=express mounts the same handler as the only middleware of a bare Express app: the
// difference to plain node:http is the floor Express itself sets under any app built on it.
// BASELINE_FRAMEWORK=express-idiomatic writes the same work the way Express apps are written (see
// idiomaticExpressApp): what Express's own body parser, router and response helpers add on top of that floor.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { createLogger } from '../../src/logger';

const env = process.env;
const contract = env.BASELINE_WORK !== 'minimal';
const key = new TextEncoder().encode(env.JWT_SECRET ?? '');
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DATABASE_POOL_MAX ?? 10) });
const logger = createLogger('info');
const ISSUER = env.JWT_ISSUER ?? 'rampart';
const AUDIENCE = env.JWT_AUDIENCE ?? 'rampart-api';
const CORS_ORIGINS = new Set((env.CORS_ORIGINS ?? '').split(',').filter(Boolean));
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;
const TODOS_PATH = /^\/api\/users\/(me|[1-9]\d{0,9})\/todos$/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SUBJECT = /^[1-9]\d{0,9}$/;
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TODO_COLUMNS = 'id, user_id, title, description, completed, created_at, updated_at';
const TODO_FIELDS = new Set(['title', 'description', 'completed']);
const BODY_LIMIT = 100 * 1024;
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** What Rampart's helmet configuration writes in production (HTTPS only), fixed once. */
const SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', "default-src 'none';frame-ancestors 'none'"],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** The session and its user, by primary keys, without the password hash: the statement Rampart prepares. */
const FIND_SESSION = `SELECT s.id AS session_id, s.last_seen_at AS session_last_seen_at, u.id, u.email, u.email_verified,
       u.name, u.role, u.revoked_before, u.created_at, u.updated_at
  FROM sessions s JOIN users u ON u.id = s.user_id
 WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`;

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/** Request id, access log line, security headers, CORS and the HTTPS redirect: Rampart's app-wide middleware. */
function transport(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  const started = performance.now();
  const { method, url } = req;
  const remoteAddress = req.socket.remoteAddress;
  res.once('close', () => {
    const fields = {
      req: { id, method, url, remoteAddress },
      res: { statusCode: res.statusCode },
      responseTime: Math.round(performance.now() - started),
    };
    if (!res.writableFinished || res.statusCode >= 500) logger.error(fields, 'request completed');
    else logger.info(fields, 'request completed');
  });
  if (req.headers['x-forwarded-proto'] === 'http') {
    res.writeHead(301, { Location: `https://${req.headers.host ?? ''}${req.url ?? '/'}` }).end();
    return false;
  }
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  const origin = req.headers.origin;
  if (origin !== undefined && CORS_ORIGINS.has(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'Link,Retry-After,RateLimit,RateLimit-Policy');
    res.setHeader('Vary', 'Origin');
  }
  return true;
}

async function authenticate(req: http.IncomingMessage): Promise<number> {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!token) throw new Refused(401, 'Not authenticated');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: 'JWT',
      requiredClaims: ['exp', 'iat', 'sub'],
      ...(contract ? { maxTokenAge: env.JWT_EXPIRES_IN ?? '7d', clockTolerance: '30s' } : {}),
    }));
  } catch {
    throw new Refused(401, 'Invalid token');
  }
  const userId = Number(payload.sub);
  if (!contract) {
    const { rows } = await pool.query(
      'SELECT id, email, name, password_hash, role, created_at, updated_at FROM users WHERE id = $1',
      [userId],
    );
    if (!rows[0]) throw new Refused(401, 'Invalid token');
    return userId;
  }
  const sid = payload.sid;
  if (!SUBJECT.test(payload.sub ?? '') || typeof sid !== 'string' || !SESSION_ID.test(sid)) {
    throw new Refused(401, 'Invalid token');
  }
  const { rows } = await pool.query<{ session_last_seen_at: Date }>(FIND_SESSION, [sid, userId]);
  const session = rows[0];
  if (!session) throw new Refused(401, 'Invalid token');
  if (Date.now() - session.session_last_seen_at.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await pool.query(
      "UPDATE sessions SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - interval '60 seconds'",
      [sid],
    );
  }
  return userId;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new Refused(413, 'Request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodeCursor(value: string | null): number {
  if (value === null) return 0;
  try {
    const id = (JSON.parse(Buffer.from(value, 'base64url').toString()) as { id?: unknown } | null)?.id;
    if (Number.isSafeInteger(id) && (id as number) > 0) return id as number;
  } catch {
    // refused below
  }
  throw new Refused(422, 'Invalid cursor');
}

async function listTodos(res: http.ServerResponse, url: URL, userId: number, reply = send) {
  for (const name of url.searchParams.keys()) {
    if (contract && name !== 'limit' && name !== 'cursor') throw new Refused(422, 'Unknown query parameter');
  }
  const limit = Number(url.searchParams.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Refused(422, 'Invalid limit');
  const cursor = decodeCursor(url.searchParams.get('cursor'));
  const { rows } = await pool.query<{ id: number }>(
    `SELECT ${TODO_COLUMNS} FROM todos WHERE user_id = $1 AND id > $2 ORDER BY id ASC LIMIT $3`,
    [userId, cursor, limit + 1],
  );
  if (rows.length > limit) {
    rows.pop();
    const next = Buffer.from(JSON.stringify({ id: rows[rows.length - 1]?.id })).toString('base64url');
    res.setHeader('Link', `<${url.pathname}?limit=${limit}&cursor=${next}>; rel="next"`);
  }
  reply(res, 200, rows);
}

/** A parsed JSON body, refused unless it is an object of the todo's fields. */
function todoValues(body: unknown, text?: string): [string, unknown, unknown] {
  if (contract && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw new Refused(422, 'Invalid todo');
  }
  const fields = body as Record<string, unknown>;
  if (contract && (text ?? JSON.stringify(body)).includes('\\u0000')) throw new Refused(422, 'Text must not hold NUL');
  if (contract && Object.keys(fields).some((name) => !TODO_FIELDS.has(name))) throw new Refused(422, 'Unknown field');
  const title = typeof fields.title === 'string' ? fields.title.trim() : '';
  const description = fields.description ?? null;
  const completed = fields.completed ?? false;
  if (title.length < 1 || title.length > 200 || typeof completed !== 'boolean') throw new Refused(422, 'Invalid todo');
  if (description !== null && (typeof description !== 'string' || description.length > 2000)) {
    throw new Refused(422, 'Invalid todo');
  }
  return [title, description, completed];
}

async function insertTodo(res: http.ServerResponse, userId: number, values: unknown[], reply = send) {
  const { rows } = await pool.query(
    `INSERT INTO todos (user_id, title, description, completed, created_at, updated_at)
     VALUES ($1, $2, $3, $4, now(), now()) RETURNING ${TODO_COLUMNS}`,
    [userId, ...values],
  );
  reply(res, 201, rows[0]);
}

async function createTodo(req: http.IncomingMessage, res: http.ServerResponse, userId: number) {
  if (contract && !(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new Refused(422, 'Body must be JSON');
  }
  const text = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Refused(400, 'Malformed JSON');
  }
  await insertTodo(res, userId, todoValues(body, text));
}

function refuse(res: http.ServerResponse, err: unknown): void {
  if (err instanceof Refused) send(res, err.status, { detail: err.detail });
  else send(res, 500, { detail: 'Internal server error' });
}

/** The owner in the path, checked against the authenticated caller. */
function owner(segment: string | undefined, userId: number): void {
  if (segment !== 'me' && Number(segment) !== userId) throw new Refused(403, 'You can only access your own resources');
}

const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') return send(res, 200, { status: 'ok' });
    if (contract && !transport(req, res)) return;
    const match = TODOS_PATH.exec(url.pathname);
    if (!match) return send(res, 404, { detail: 'Not found' });
    if (contract) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
    }
    const userId = await authenticate(req);
    owner(match[1], userId);
    if (req.method === 'GET') return await listTodos(res, url, userId);
    if (req.method === 'POST') return await createTodo(req, res, userId);
    send(res, 405, { detail: 'Method not allowed' });
  } catch (err) {
    refuse(res, err);
  }
};

/**
 * The same work written as an Express app usually is: app-wide middleware, express.json, a router mounted on the
 * resource's path with mergeParams, an auth middleware, one handler per route, res.json and an error middleware.
 */
function idiomaticExpressApp(): express.Express {
  const app = express().disable('x-powered-by');
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use((req, res, next) => {
    if (transport(req, res)) next();
  });
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));
  const todos = express.Router({ mergeParams: true });
  todos.use(async (req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const userId = await authenticate(req);
    owner((req.params as Record<string, string>).userId, userId);
    res.locals.userId = userId;
    next();
  });
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    (res as express.Response).status(status).json(body);
  };
  todos.get('/', async (req, res) => {
    await listTodos(res, new URL(req.originalUrl, 'http://localhost'), res.locals.userId as number, json);
  });
  todos.post('/', async (req, res) => {
    await insertTodo(res, res.locals.userId as number, todoValues(req.body), json);
  });
  app.use('/api/users/:userId/todos', todos);
  app.use((_req, res) => {
    send(res, 404, { detail: 'Not found' });
  });
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    refuse(res, err);
  });
  return app;
}

const framework = env.BASELINE_FRAMEWORK;
const server = http.createServer(
  framework === 'express-idiomatic'
    ? idiomaticExpressApp()
    : framework === 'express'
      ? express().disable('x-powered-by').disable('etag').use(handle)
      : handle,
);

server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 8001), env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
