// The benchmark baseline: the todo read and write paths on bare node:http + pg, doing the same work as
// Rampart (HS256 verify with every claim checked, user row read, ownership, the same indexed keyset query,
// JSON out) and nothing else, so the ratio measures what the framework layers cost.
import http from 'node:http';
import express from 'express';
import { jwtVerify } from 'jose';
import pg from 'pg';

const env = process.env;
const key = new TextEncoder().encode(env.JWT_SECRET ?? '');
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DATABASE_POOL_MAX ?? 10) });
const ISSUER = env.JWT_ISSUER ?? 'rampart';
const AUDIENCE = env.JWT_AUDIENCE ?? 'rampart-api';
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;
const TODOS_PATH = /^\/api\/users\/(me|[1-9]\d{0,9})\/todos$/;
const TODO_COLUMNS = 'id, user_id, title, description, completed, created_at, updated_at';
const BODY_LIMIT = 100 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(json);
}

async function authenticate(req: http.IncomingMessage): Promise<number | undefined> {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: 'JWT',
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    const userId = Number(payload.sub);
    const { rows } = await pool.query(
      'SELECT id, email, name, password_hash, role, created_at, updated_at FROM users WHERE id = $1',
      [userId],
    );
    return rows[0] ? userId : undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function listTodos(req: http.IncomingMessage, res: http.ServerResponse, url: URL, userId: number) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return send(res, 422, { detail: 'Invalid limit' });
  const cursorParam = url.searchParams.get('cursor');
  const cursor = cursorParam
    ? Number((JSON.parse(Buffer.from(cursorParam, 'base64url').toString()) as { id: unknown }).id)
    : 0;
  const { rows } = await pool.query<{ id: number }>(
    `SELECT ${TODO_COLUMNS} FROM todos WHERE user_id = $1 AND id > $2 ORDER BY id ASC LIMIT $3`,
    [userId, cursor, limit + 1],
  );
  const headers: Record<string, string> = {};
  if (rows.length > limit) {
    rows.pop();
    const next = Buffer.from(JSON.stringify({ id: rows[rows.length - 1]?.id })).toString('base64url');
    headers.Link = `<${url.pathname}?limit=${limit}&cursor=${next}>; rel="next"`;
  }
  send(res, 200, rows, headers);
}

async function createTodo(req: http.IncomingMessage, res: http.ServerResponse, userId: number) {
  const body = JSON.parse(await readBody(req)) as { title?: unknown; description?: unknown; completed?: unknown };
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  const description = body.description ?? null;
  const completed = body.completed ?? false;
  if (title.length < 1 || title.length > 200 || typeof completed !== 'boolean') {
    return send(res, 422, { detail: 'Invalid todo' });
  }
  if (description !== null && (typeof description !== 'string' || description.length > 2000)) {
    return send(res, 422, { detail: 'Invalid todo' });
  }
  const { rows } = await pool.query(
    `INSERT INTO todos (user_id, title, description, completed, created_at, updated_at)
     VALUES ($1, $2, $3, $4, now(), now()) RETURNING ${TODO_COLUMNS}`,
    [userId, title, description, completed],
  );
  send(res, 201, rows[0]);
}

const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') return send(res, 200, { status: 'ok' });
    const match = TODOS_PATH.exec(url.pathname);
    if (!match) return send(res, 404, { detail: 'Not found' });
    const userId = await authenticate(req);
    if (userId === undefined) return send(res, 401, { detail: 'Invalid token' });
    if (match[1] !== 'me' && Number(match[1]) !== userId) {
      return send(res, 403, { detail: 'You can only access your own resources' });
    }
    if (req.method === 'GET') return await listTodos(req, res, url, userId);
    if (req.method === 'POST') return await createTodo(req, res, userId);
    send(res, 405, { detail: 'Method not allowed' });
  } catch {
    send(res, 500, { detail: 'Internal server error' });
  }
};

// BASELINE_FRAMEWORK=express mounts the same handler as the only middleware of a bare Express app: the
// difference to plain node:http is the floor Express itself sets under any app built on it.
const server = http.createServer(
  env.BASELINE_FRAMEWORK === 'express' ? express().disable('x-powered-by').disable('etag').use(handle) : handle,
);

server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 8001), env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
