// The bad-input corpus: malformed requests generated for every route, each with the outcome it must get.
import type { RawRequest } from './rawHttp';
import { MALFORMED_AUTHORIZATION, type AttackToken } from './jwtAttacks';

export interface Party {
  id: number;
  email: string;
  token: string;
  todoId: number;
}

export interface CorpusCase {
  name: string;
  request: RawRequest;
  /** The statuses that are correct answers: every case names them, so a 2xx where only a 4xx is right fails. */
  allowed: number[];
  /** The server may close the connection without answering (it stopped reading an oversized request). */
  mayDrop?: boolean;
}

/** What a body field accepts: hostile values of another JSON type must get 422. */
type FieldKind = 'email' | 'string' | 'nullableString' | 'boolean';

interface Route {
  method: string;
  path: string;
  auth: boolean;
  /** A valid body for the route, which the corpus breaks one field at a time. */
  body?: Record<string, unknown>;
  fields?: Record<string, FieldKind>;
  /** Fields the route does without. */
  optional?: string[];
  /** The answer to the valid request (the attacker is no admin; the DELETE targets a missing todo). */
  status: number;
  /** The answer to a GET of the same path, with the attacker's token and without any token. */
  getStatus: number;
  anonymousGetStatus: number;
}

/** The origin the fault stack trusts (CORS_ORIGINS), so that cookie writes from it succeed and others are refused. */
export const TRUSTED_ORIGIN = 'https://app.example.test';
/** The session cookie's name in production. */
const SESSION_COOKIE = '__Host-rampart_session';
/** Any refusal of a malformed request; never a success. */
const REFUSED = [400, 403, 404, 405, 411, 413, 414, 415, 422, 431];

/** Values of the wrong type or shape, and strings that are hostile in SQL, HTML, shells or Unicode. */
const HOSTILE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -0,
  true,
  false,
  [],
  ['a'],
  {},
  { $gt: '' },
  { toString: 'x' },
  '',
  ' ',
  '\t\n',
  'a'.repeat(5_000),
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '1; SELECT pg_sleep(5)',
  '$1',
  ':email',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  '\u0000',
  'nul\u0000byte',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeffbom',
  'e\u0301',
  '\u{1F600}'.repeat(100),
  '\u{10FFFF}',
  'ＡＢＣ',
  'İ',
  'ß'.repeat(80),
  '\r\nSet-Cookie: pwn=1',
  '%00',
  '%ZZ',
  '0000-01-01',
  '0000-12-31T23:59:59Z',
  '-0001-01-01',
  '10000-01-01',
];

const BROKEN_JSON = [
  '{',
  '}',
  '{"title":',
  '{"title": "a",}',
  "{'title': 'a'}",
  '{title: "a"}',
  '[1,2',
  'nul',
  'tru',
  '{"a":1}}',
  '{"title": NaN}',
  '{"title": Infinity}',
  '{"title": 1e999}',
  '{"title": 0x10}',
  '{"title": "unterminated}',
  '{"title": "\\x41"}',
  '{"title": "\\u12"}',
  '{"title" "a"}',
  '{"title": "a" "b"}',
  '"just a string"',
  '123',
  'null',
  'true',
  '[]',
  '{"title":"a"} trailing',
  '\u0000',
  '{"title":"a"}\u0000',
  '{"__proto__": ',
  '//comment\n{"title":"a"}',
];

/** Unusual but acceptable JSON: the server may take or refuse it, but never fail on it. */
const ODD_JSON = [
  '\ufeff{"title":"a"}',
  '  \n{"title":"a"}\n  ',
  '{"title":"a","title":"b"}',
  '{"title":"\\u0000"}',
  '{"title":"\\ud800"}',
  '{"title\\u0000":"a"}',
  '{"title":"a","tags":["ok","n\\u0000l"]}',
];

const PROTOTYPE_POLLUTION = [
  '{"__proto__": {"role": "admin", "isAdmin": true}, "title": "p", "email": "p@example.com", "password": "correct horse battery staple", "name": "p"}',
  '{"constructor": {"prototype": {"role": "admin"}}, "title": "p"}',
  '{"__proto__": {"user_id": 1}, "title": "p"}',
  '{"prototype": {"role": "admin"}, "title": "p"}',
  '{"title": "p", "__proto__": null}',
  '{"title": {"__proto__": {"length": 1}}}',
];

function deep(depth: number, open: string, close: string, leaf = '1'): string {
  return `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;
}

/** Over the 100 kB body limit: 413; under it, the parser or the schema refuses the shape. */
const OVERSIZED_BODIES: { name: string; body: string; mayDrop: boolean; allowed?: number[] }[] = [
  {
    name: 'body just over 100 kB',
    body: JSON.stringify({ title: 'x'.repeat(110_000) }),
    mayDrop: false,
    allowed: [413],
  },
  { name: 'body of 2 MB', body: JSON.stringify({ title: 'x'.repeat(2_000_000) }), mayDrop: true, allowed: [413] },
  { name: 'array nested 30,000 deep', body: deep(30_000, '[', ']'), mayDrop: false },
  { name: 'object nested 8,000 deep', body: deep(8_000, '{"a":', '}'), mayDrop: false },
  { name: 'field nested 20,000 deep', body: `{"title":${deep(20_000, '[', ']')}}`, mayDrop: false },
  {
    name: 'object with 8,000 keys',
    body: JSON.stringify(Object.fromEntries(Array.from({ length: 8_000 }, (_, i) => [`k${i}`, i]))),
    mayDrop: false,
  },
  { name: 'array of 40,000 numbers', body: `[${Array(40_000).fill(1).join(',')}]`, mayDrop: false },
  { name: 'string of 90,000 escapes', body: `{"title":"${'\\u0041'.repeat(15_000)}"}`, mayDrop: false },
];

/** JSON in a charset that reads the same as ASCII: the server may take it. Every other type is refused. */
const ASCII_COMPATIBLE_TYPES = new Set(['application/json; charset=utf-7', 'application/json; charset=""']);

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=utf-7',
  'application/json; charset=""',
  'application/jsonx',
  'application/json, text/html',
  '*/*',
  'application/xml',
  'application/json; boundary=\u0000',
];

/**
 * Query strings and the answers they must get: 422 for a bad limit or cursor, and for any key the list does not
 * declare (a mistyped filter must never return every row); a limit JavaScript reads as a number (' 1', '0x10',
 * '1e2') may be taken or refused.
 */
const QUERY_VARIANTS: { query: string; allowed: number[] }[] = [
  { query: 'limit=0', allowed: [422] },
  { query: 'limit=-1', allowed: [422] },
  { query: 'limit=101', allowed: [422] },
  { query: 'limit=1000000', allowed: [422] },
  { query: 'limit=abc', allowed: [422] },
  { query: 'limit=', allowed: [422] },
  { query: 'limit=1.5', allowed: [422] },
  { query: 'limit=%201', allowed: [200, 422] },
  { query: 'limit=0x10', allowed: [200, 422] },
  { query: 'limit=Infinity', allowed: [422] },
  { query: 'limit=NaN', allowed: [422] },
  { query: 'limit=1e2', allowed: [200, 422] },
  { query: 'limit=20&limit=30', allowed: [422] },
  { query: 'limit[]=1', allowed: [422] },
  { query: 'limit[$gt]=1', allowed: [422] },
  { query: 'limit=%00', allowed: [422] },
  { query: "limit=1'%20OR%20'1'='1", allowed: [422] },
  { query: 'cursor=', allowed: [422] },
  { query: 'cursor=abc', allowed: [422] },
  { query: 'cursor=!!!', allowed: [422] },
  { query: `cursor=${Buffer.from('{"id":-1}').toString('base64url')}`, allowed: [422] },
  { query: `cursor=${Buffer.from('{"id":"1 OR 1=1"}').toString('base64url')}`, allowed: [422] },
  { query: `cursor=${Buffer.from('{"id":1e400}').toString('base64url')}`, allowed: [422] },
  { query: `cursor=${Buffer.from('{"id":9007199254740993}').toString('base64url')}`, allowed: [422] },
  { query: `cursor=${Buffer.from('{"__proto__":{"id":5}}').toString('base64url')}`, allowed: [422] },
  { query: `cursor=${Buffer.from('[]').toString('base64url')}`, allowed: [422] },
  { query: `cursor=${Buffer.from('null').toString('base64url')}`, allowed: [422] },
  { query: `cursor=${'A'.repeat(10_000)}`, allowed: [422] },
  { query: 'cursor[]=a', allowed: [422] },
  { query: `${Array.from({ length: 2_000 }, (_, i) => `p${i}=1`).join('&')}`, allowed: [422] },
  { query: 'userId=1&user_id=1', allowed: [422] },
  { query: '%E0%A4%A=1', allowed: [422] },
  { query: 'limit=%ZZ', allowed: [422] },
  { query: 'cursor=%00abc', allowed: [422] },
  { query: 'limit=1%00', allowed: [422] },
];

const ID_VARIANTS = [
  '0',
  '-1',
  '1.5',
  'abc',
  '1e3',
  '99999999999',
  '2147483648',
  '%00',
  '%2e%2e',
  "1'%20OR%20'1'='1",
  '1;DROP',
  '%201',
  '%E0%A4%A',
  '%ZZ',
  '0x1',
  '+1',
  '1%2F..',
  '%F0%9F%98%80',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

/** Raw requests the HTTP parser itself must refuse without harm, and three odd but valid ones it may serve. */
function framingAttacks(
  route: Route,
  port: number,
  auth: string,
): { name: string; raw: string; allowed: number[]; mayDrop?: boolean }[] {
  const { path } = route;
  const host = `Host: 127.0.0.1:${port}\r\n`;
  const head = (extra: string, method = 'GET') =>
    `${method} ${path} HTTP/1.1\r\n${host}Connection: close\r\n${auth}${extra}\r\n`;
  return [
    { name: 'bare CR in a header value', raw: head('X-Test: a\rb\r\n'), allowed: [400] },
    { name: 'NUL in a header value', raw: head('X-Test: a\u0000b\r\n'), allowed: [400] },
    { name: 'space in a header name', raw: head('X Test: a\r\n'), allowed: [400] },
    { name: 'header without a colon', raw: head('XTest\r\n'), allowed: [400] },
    { name: 'obsolete line folding', raw: head('X-Test: a\r\n b\r\n'), allowed: [400] },
    { name: 'header of 20 kB', raw: head(`X-Big: ${'a'.repeat(20_000)}\r\n`), allowed: [431] },
    {
      name: 'header block of 64 kB',
      raw: head(Array.from({ length: 64 }, (_, i) => `X-H${i}: ${'b'.repeat(1_000)}\r\n`).join('')),
      allowed: [431],
    },
    {
      name: '3,000 headers',
      raw: head(Array.from({ length: 3_000 }, (_, i) => `X-N${i}: 1\r\n`).join('')),
      allowed: [431],
    },
    {
      name: 'conflicting Content-Length',
      raw: `${head('Content-Length: 2\r\nContent-Length: 5\r\n', 'POST')}{}`,
      allowed: [400],
    },
    { name: 'negative Content-Length', raw: `${head('Content-Length: -1\r\n', 'POST')}{}`, allowed: [400] },
    { name: 'non-numeric Content-Length', raw: `${head('Content-Length: abc\r\n', 'POST')}{}`, allowed: [400] },
    {
      name: 'Content-Length and Transfer-Encoding together',
      raw: `${head('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', 'POST')}0\r\n\r\n`,
      allowed: [400],
    },
    {
      name: 'invalid chunk size',
      raw: `${head('Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n', 'POST')}zz\r\n{}\r\n0\r\n\r\n`,
      allowed: [400],
    },
    {
      name: 'unknown transfer coding',
      raw: `${head('Transfer-Encoding: gzip, chunked\r\n', 'POST')}0\r\n\r\n`,
      allowed: REFUSED,
    },
    {
      name: 'chunked body with a lying chunk size',
      raw: `${head('Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n', 'POST')}ffff\r\n{}\r\n`,
      mayDrop: true,
      allowed: [400],
    },
    { name: 'no Host header', raw: `GET ${path} HTTP/1.1\r\nConnection: close\r\n${auth}\r\n`, allowed: [400] },
    { name: 'unknown method', raw: head('', 'FOO'), allowed: [400] },
    { name: 'lower-case method', raw: head('', 'get'), allowed: [400] },
    {
      name: 'HTTP/2.0 request line',
      raw: `GET ${path} HTTP/2.0\r\n${host}Connection: close\r\n\r\n`,
      allowed: [route.anonymousGetStatus, 400, 505],
    },
    { name: 'HTTP/0.9 style request', raw: `GET ${path}\r\n\r\n`, allowed: [route.anonymousGetStatus, 400, 505] },
    {
      name: 'request line with spaces in the target',
      raw: `GET ${path} x HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
      allowed: [400],
    },
    {
      name: 'absolute-form target to another host',
      raw: `GET http://evil.example${path} HTTP/1.1\r\n${host}Connection: close\r\n${auth}\r\n`,
      allowed: [route.getStatus],
    },
    { name: 'asterisk target', raw: `OPTIONS * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, allowed: [400, 404] },
    { name: 'binary garbage', raw: '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003', allowed: [400] },
  ];
}

function headerVariants(auth: [string, string][]): { name: string; headers: [string, string][] }[] {
  return [
    { name: 'X-Request-Id with CRLF escapes', headers: [...auth, ['X-Request-Id', 'abc%0d%0aSet-Cookie:%20pwn=1']] },
    { name: 'X-Request-Id of 5 kB', headers: [...auth, ['X-Request-Id', 'r'.repeat(5_000)]] },
    {
      name: 'X-Request-Id with quotes and angle brackets',
      headers: [...auth, ['X-Request-Id', '"><script>alert(1)</script>']],
    },
    { name: 'X-Forwarded-Proto http', headers: [...auth, ['X-Forwarded-Proto', 'http']] },
    { name: 'X-Forwarded-Proto garbage', headers: [...auth, ['X-Forwarded-Proto', 'gopher, http, https']] },
    {
      name: 'X-Forwarded-For spoofed list',
      headers: [...auth, ['X-Forwarded-For', '1.1.1.1, 2.2.2.2, ::1, not-an-ip']],
    },
    { name: 'X-Forwarded-For of 8 kB', headers: [...auth, ['X-Forwarded-For', '9.9.9.9, '.repeat(800)]] },
    { name: 'X-Forwarded-Host evil', headers: [...auth, ['X-Forwarded-Host', 'evil.example']] },
    { name: 'X-HTTP-Method-Override DELETE', headers: [...auth, ['X-HTTP-Method-Override', 'DELETE']] },
    { name: 'Origin not allowed', headers: [...auth, ['Origin', 'https://evil.example']] },
    { name: 'Origin null', headers: [...auth, ['Origin', 'null']] },
    { name: 'Accept-Encoding garbage', headers: [...auth, ['Accept-Encoding', 'gzip;q=nan, *;q=-1, br;;']] },
    { name: 'Range header', headers: [...auth, ['Range', 'bytes=0-1,2-3,4-5']] },
    { name: 'Expect 100-continue', headers: [...auth, ['Expect', '100-continue']] },
    { name: 'Expect unknown', headers: [...auth, ['Expect', 'the-unexpected']] },
    { name: 'Latin-1 bytes in a header', headers: [...auth, ['X-Name', '\u00ff\u00fe\u00e9']] },
    { name: 'Cookie with a forged session', headers: [...auth, ['Cookie', 'token=forged; session=admin']] },
    { name: 'If-None-Match wildcard', headers: [...auth, ['If-None-Match', '*']] },
  ];
}

/**
 * The answers to a valid body with one field replaced by a hostile value: a value of another JSON type is 422;
 * a string may pass or fail the field's rules (length, trimming, strength), never anything else. An unknown
 * field (no kind) is 422.
 */
function hostileValueStatuses(kind: FieldKind | undefined, value: unknown, success: number): number[] {
  if (kind === undefined) return [422];
  if (kind === 'boolean') return typeof value === 'boolean' ? [success] : [422];
  if (kind === 'email') return [422];
  if (typeof value === 'string' || (kind === 'nullableString' && value === null)) return [success, 422];
  return [422];
}

export function buildCorpus(options: {
  port: number;
  attacker: Party;
  victim: Party;
  attackTokens: AttackToken[];
}): CorpusCase[] {
  const { attacker, victim, port } = options;
  const bearer: [string, string] = ['Authorization', `Bearer ${attacker.token}`];
  const json: [string, string] = ['Content-Type', 'application/json'];
  const own = `/api/users/${attacker.id}`;
  const missing = 2_147_000_000;
  let signups = 0;
  const uniqueEmail = () => `corpus-${(signups += 1)}-${Date.now()}@example.com`;

  const routes: Route[] = [
    { method: 'GET', path: '/api/health', auth: false, status: 200, getStatus: 200, anonymousGetStatus: 200 },
    { method: 'GET', path: '/api/health/ready', auth: false, status: 200, getStatus: 200, anonymousGetStatus: 200 },
    {
      method: 'POST',
      path: '/api/auth/signup',
      auth: false,
      body: { email: 'x', password: 'correct horse battery staple', name: 'Corpus' },
      fields: { email: 'email', password: 'string', name: 'string' },
      status: 201,
      getStatus: 404,
      anonymousGetStatus: 404,
    },
    {
      method: 'POST',
      path: '/api/auth/signin',
      auth: false,
      body: { email: attacker.email, password: 'not the password at all' },
      fields: { email: 'string', password: 'string' },
      status: 401,
      getStatus: 404,
      anonymousGetStatus: 404,
    },
    { method: 'GET', path: '/api/auth/me', auth: true, status: 200, getStatus: 200, anonymousGetStatus: 401 },
    { method: 'GET', path: `${own}/profile`, auth: true, status: 200, getStatus: 200, anonymousGetStatus: 401 },
    { method: 'GET', path: '/api/admin/users', auth: true, status: 403, getStatus: 403, anonymousGetStatus: 401 },
    { method: 'GET', path: `${own}/todos`, auth: true, status: 200, getStatus: 200, anonymousGetStatus: 401 },
    {
      method: 'POST',
      path: `${own}/todos`,
      auth: true,
      body: { title: 'corpus', description: 'd', completed: false },
      fields: { title: 'string', description: 'nullableString', completed: 'boolean' },
      optional: ['description', 'completed'],
      status: 201,
      getStatus: 200,
      anonymousGetStatus: 401,
    },
    {
      method: 'GET',
      path: `${own}/todos/${attacker.todoId}`,
      auth: true,
      status: 200,
      getStatus: 200,
      anonymousGetStatus: 401,
    },
    {
      method: 'PATCH',
      path: `${own}/todos/${attacker.todoId}`,
      auth: true,
      body: { title: 'corpus patch', completed: true },
      fields: { title: 'string', completed: 'boolean' },
      optional: ['title', 'completed'],
      status: 200,
      getStatus: 200,
      anonymousGetStatus: 401,
    },
    {
      method: 'DELETE',
      path: `${own}/todos/${missing}`,
      auth: true,
      status: 404,
      getStatus: 404,
      anonymousGetStatus: 401,
    },
  ];
  const bodyFor = (route: Route, body: Record<string, unknown>) =>
    route.path === '/api/auth/signup' && body.email === 'x' ? { ...body, email: uniqueEmail() } : body;

  const cases: CorpusCase[] = [];
  const add = (name: string, request: RawRequest, extra: Omit<CorpusCase, 'name' | 'request'>) =>
    cases.push({ name, request, ...extra });

  // Every route: the JWT attacks where a token is needed, header and framing tricks everywhere.
  const protectedTargets: { method: string; path: string; body?: string }[] = [
    { method: 'GET', path: '/api/auth/me' },
    { method: 'GET', path: `/api/users/${victim.id}/profile` },
    { method: 'GET', path: '/api/users/me/profile' },
    { method: 'GET', path: '/api/admin/users' },
    { method: 'GET', path: `/api/users/${victim.id}/todos` },
    { method: 'GET', path: '/api/users/me/todos' },
    { method: 'POST', path: `/api/users/${victim.id}/todos`, body: '{"title":"planted by an attacker"}' },
    { method: 'POST', path: '/api/users/me/todos', body: '{"title":"planted by an attacker"}' },
    { method: 'GET', path: `/api/users/${victim.id}/todos/${victim.todoId}` },
    { method: 'PATCH', path: `/api/users/${victim.id}/todos/${victim.todoId}`, body: '{"title":"defaced"}' },
    { method: 'DELETE', path: `/api/users/${victim.id}/todos/${victim.todoId}` },
    { method: 'GET', path: `/api/users/me/todos/${victim.todoId}` },
    { method: 'PATCH', path: `/api/users/me/todos/${victim.todoId}`, body: '{"title":"defaced"}' },
    { method: 'DELETE', path: `/api/users/me/todos/${victim.todoId}` },
  ];
  for (const target of protectedTargets) {
    const headers = (auth: string): [string, string][] => [['Authorization', auth], ...(target.body ? [json] : [])];
    for (const attack of options.attackTokens) {
      add(
        `${target.method} ${target.path} with token: ${attack.name}`,
        { ...target, headers: headers(`Bearer ${attack.token}`) },
        { allowed: [401] },
      );
    }
    for (const value of MALFORMED_AUTHORIZATION) {
      add(
        `${target.method} ${target.path} with Authorization ${JSON.stringify(value)}`,
        { ...target, headers: headers(value) },
        { allowed: [401] },
      );
    }
    add(
      `${target.method} ${target.path} without Authorization`,
      { ...target, headers: target.body ? [json] : [] },
      { allowed: [401] },
    );
    add(
      `${target.method} ${target.path} with the token in the query`,
      { ...target, path: `${target.path}?access_token=${attacker.token}`, headers: target.body ? [json] : [] },
      { allowed: [401] },
    );
  }

  // Cross-user access with the attacker's valid token: 403 on another user's path, 404 for their item on one's own.
  const victimPaths = [
    `/api/users/${victim.id}/todos`,
    `/api/users/${victim.id}/todos/${victim.todoId}`,
    `/api/users/${victim.id}/profile`,
  ];
  for (const path of victimPaths) {
    for (const method of path.endsWith('/profile')
      ? ['GET']
      : path.endsWith('/todos')
        ? ['GET', 'POST']
        : ['GET', 'PATCH', 'DELETE']) {
      add(
        `${method} ${path} as another user`,
        {
          method,
          path,
          headers: [bearer, json],
          body: method === 'POST' || method === 'PATCH' ? '{"title":"cross-user"}' : undefined,
        },
        { allowed: [403] },
      );
    }
  }
  for (const prefix of [own, '/api/users/me']) {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      add(
        `${method} another user's todo under ${prefix}`,
        {
          method,
          path: `${prefix}/todos/${victim.todoId}`,
          headers: [bearer, json],
          body: method === 'PATCH' ? '{"title":"cross-user"}' : undefined,
        },
        { allowed: [404] },
      );
    }
  }
  add(
    'GET /api/admin/users as a non-admin',
    { method: 'GET', path: '/api/admin/users', headers: [bearer] },
    { allowed: [403] },
  );
  for (const disguise of [
    `0${victim.id}`,
    `${victim.id}.0`,
    `+${victim.id}`,
    `%20${victim.id}`,
    `${victim.id}%00`,
    `${victim.id}%2F`,
    `-${victim.id}`,
    `${victim.id}e0`,
    `0x${victim.id.toString(16)}`,
    `${victim.id}%20`,
    `${victim.id}/`,
    `ME`,
    `me%00`,
    `..%2F${victim.id}`,
  ]) {
    for (const suffix of ['/todos', `/todos/${victim.todoId}`, '/profile']) {
      add(
        `GET /api/users/${disguise}${suffix}`,
        { method: 'GET', path: `/api/users/${disguise}${suffix}`, headers: [bearer] },
        { allowed: [400, 403, 404, 422] },
      );
    }
  }
  for (const field of ['user_id', 'userId', 'id', 'owner', 'role']) {
    add(
      `POST own todos with ${field} set to the victim`,
      {
        method: 'POST',
        path: `${own}/todos`,
        headers: [bearer, json],
        body: JSON.stringify({ title: 'owner swap', [field]: victim.id }),
      },
      { allowed: [422] },
    );
    add(
      `PATCH own todo with ${field} set to the victim`,
      {
        method: 'PATCH',
        path: `${own}/todos/${attacker.todoId}`,
        headers: [bearer, json],
        body: JSON.stringify({ title: 'owner swap', [field]: victim.id }),
      },
      { allowed: [422] },
    );
  }
  // Cookie-authenticated writes: the trusted origin is the control; Origin null or empty never falls back to Referer.
  const cookie: [string, string] = ['Cookie', `${SESSION_COOKIE}=${attacker.token}`];
  const referer: [string, string] = ['Referer', `${TRUSTED_ORIGIN}/todos`];
  const cookieWrite = (name: string, headers: [string, string][], allowed: number[]) =>
    add(
      `POST own todos with the session cookie and ${name}`,
      { method: 'POST', path: `${own}/todos`, headers: [cookie, json, ...headers], body: '{"title":"cookie write"}' },
      { allowed },
    );
  cookieWrite('the trusted Origin', [['Origin', TRUSTED_ORIGIN]], [201]);
  cookieWrite('Origin: null and a trusted Referer', [['Origin', 'null'], referer], [403]);
  cookieWrite('an empty Origin and a trusted Referer', [['Origin', ''], referer], [403]);
  cookieWrite('Origin: null and no Referer', [['Origin', 'null']], [403]);

  // NUL characters: PostgreSQL text cannot hold them, so every string input refuses them with 422.
  const nulBodies: [string, string, string][] = [
    ['POST', `${own}/todos`, '{"title":"nul\\u0000byte"}'],
    ['POST', `${own}/todos`, '{"title":"ok","description":"\\u0000"}'],
    ['PATCH', `${own}/todos/${attacker.todoId}`, '{"title":"\\u0000"}'],
    ['POST', `${own}/todos`, '{"title\\u0000":"a"}'],
    [
      'POST',
      '/api/auth/signup',
      `{"email":"${uniqueEmail()}","password":"correct horse battery staple","name":"n\\u0000"}`,
    ],
  ];
  for (const [method, path, body] of nulBodies) {
    add(
      `${method} ${path} with a NUL in the body ${body}`,
      { method, path, headers: [bearer, json], body },
      { allowed: [422] },
    );
  }
  add(
    'GET own todos with a NUL in the cursor',
    { method: 'GET', path: `${own}/todos?cursor=%00abc`, headers: [bearer] },
    { allowed: [422] },
  );
  add(
    'GET own todo with a NUL in the id',
    { method: 'GET', path: `${own}/todos/1%00`, headers: [bearer] },
    { allowed: [422] },
  );

  add(
    'signup with role admin',
    {
      method: 'POST',
      path: '/api/auth/signup',
      headers: [json],
      body: JSON.stringify({
        email: uniqueEmail(),
        password: 'correct horse battery staple',
        name: 'x',
        role: 'admin',
      }),
    },
    { allowed: [422] },
  );

  for (const route of routes) {
    const auth: [string, string][] = route.auth ? [bearer] : [];
    const framing = framingAttacks(route, port, route.auth ? `Authorization: Bearer ${attacker.token}\r\n` : '');
    for (const attack of framing)
      add(
        `${route.method} ${route.path}: ${attack.name}`,
        { method: route.method, path: route.path, raw: attack.raw },
        { allowed: attack.allowed, mayDrop: attack.mayDrop },
      );
    const redirect = route.method === 'GET' ? 301 : 308;
    for (const variant of headerVariants(auth)) {
      const body = route.body ? JSON.stringify(bodyFor(route, route.body)) : undefined;
      // Proxy and client headers change nothing but the HTTPS redirect, Expect and a conditional GET.
      const allowed: Record<string, number[]> = {
        'X-Forwarded-Proto http': [redirect],
        'Expect unknown': [417],
        'If-None-Match wildcard': [route.status, 304, 412],
      };
      add(
        `${route.method} ${route.path}: ${variant.name}`,
        { method: route.method, path: route.path, headers: [...variant.headers, ...(body ? [json] : [])], body },
        { allowed: allowed[variant.name] ?? [route.status] },
      );
    }
    // Express answers OPTIONS and HEAD for the routes it has; the admin router refuses non-admins before that.
    const otherMethods: Record<string, number[]> = {
      PUT: route.getStatus === 403 ? [403] : [404, 405],
      TRACE: route.getStatus === 403 ? [403] : [404, 405],
      PROPFIND: route.getStatus === 403 ? [403] : [404, 405],
      OPTIONS: route.getStatus === 403 ? [403] : [200, 204],
      HEAD: [route.getStatus],
      CONNECT: [400, 404, 405],
    };
    for (const [method, allowed] of Object.entries(otherMethods)) {
      // Node's server drops CONNECT when nothing handles it: no answer is the right answer.
      const connect = method === 'CONNECT';
      add(
        `${method} ${route.path}`,
        { method, path: connect ? '127.0.0.1:1' : route.path, headers: auth },
        { allowed, mayDrop: connect },
      );
    }
    // A fragment or an undecodable query leaves the route as it is (without a body: 422 where one is needed);
    // a list refuses the undeclared query key with 422.
    const withoutBody = route.body ? 422 : route.status;
    const pathTricks: Record<string, number[]> = {
      '/..%2F..%2Fetc%2Fpasswd': REFUSED,
      '//': [withoutBody, 404],
      '%00': REFUSED,
      '%2e%2e/': REFUSED,
      '?a=%ZZ': [withoutBody, 422],
      [`/${'x'.repeat(8_000)}`]: REFUSED,
      '.json': REFUSED,
      ';jsessionid=1': REFUSED,
      '#frag': [withoutBody],
    };
    for (const [trick, allowed] of Object.entries(pathTricks)) {
      add(
        `${route.method} ${route.path}${trick.slice(0, 20)}`,
        { method: route.method, path: `${route.path}${trick}`, headers: auth },
        { allowed },
      );
    }

    if (!route.body) continue;
    const base = route.body;
    const fields = route.fields ?? {};
    for (const text of BROKEN_JSON) {
      add(
        `${route.method} ${route.path}: broken JSON ${JSON.stringify(text).slice(0, 30)}`,
        { method: route.method, path: route.path, headers: [...auth, json], body: text },
        { allowed: [400, 401, 422] },
      );
    }
    // Odd but well-formed JSON may be taken; prototype tricks are unknown keys to a strict schema.
    for (const [texts, allowed] of [
      [ODD_JSON, [route.status, 400, 422]],
      [PROTOTYPE_POLLUTION, [400, 422]],
    ] as const) {
      for (const text of texts) {
        add(
          `${route.method} ${route.path}: ${text.slice(0, 40)}`,
          { method: route.method, path: route.path, headers: [...auth, json], body: text },
          { allowed: [...allowed] },
        );
      }
    }
    for (const oversized of OVERSIZED_BODIES) {
      add(
        `${route.method} ${route.path}: ${oversized.name}`,
        { method: route.method, path: route.path, headers: [...auth, json], body: oversized.body },
        { allowed: oversized.allowed ?? [400, 413, 422], mayDrop: oversized.mayDrop },
      );
    }
    for (const contentType of CONTENT_TYPES) {
      add(
        `${route.method} ${route.path}: Content-Type ${contentType}`,
        {
          method: route.method,
          path: route.path,
          headers: [...auth, ['Content-Type', contentType]],
          body: JSON.stringify(bodyFor(route, base)),
        },
        { allowed: ASCII_COMPATIBLE_TYPES.has(contentType) ? [route.status, 415] : [400, 415, 422] },
      );
    }
    for (const encoding of ['gzip', 'deflate', 'br', 'compress', 'identity, gzip']) {
      add(
        `${route.method} ${route.path}: Content-Encoding ${encoding} over plain bytes`,
        {
          method: route.method,
          path: route.path,
          headers: [...auth, json, ['Content-Encoding', encoding]],
          body: JSON.stringify(bodyFor(route, base)),
        },
        { allowed: [400, 415] },
      );
    }
    for (const field of [...Object.keys(base), 'unexpected']) {
      for (const value of HOSTILE_VALUES) {
        const body = { ...bodyFor(route, base), [field]: value };
        add(
          `${route.method} ${route.path}: ${field}=${JSON.stringify(value)?.slice(0, 30)}`,
          { method: route.method, path: route.path, headers: [...auth, json], body: JSON.stringify(body) },
          { allowed: hostileValueStatuses(fields[field], value, route.status) },
        );
      }
      const without = { ...bodyFor(route, base) };
      delete without[field];
      const optional = field === 'unexpected' || (route.optional ?? []).includes(field);
      add(
        `${route.method} ${route.path}: without ${field}`,
        { method: route.method, path: route.path, headers: [...auth, json], body: JSON.stringify(without) },
        { allowed: optional ? [route.status] : [422] },
      );
    }
  }

  for (const { query, allowed } of QUERY_VARIANTS) {
    for (const path of [`${own}/todos`, '/api/users/me/todos']) {
      add(
        `GET ${path}?${query.slice(0, 40)}`,
        { method: 'GET', path: `${path}?${query}`, headers: [bearer] },
        { allowed },
      );
    }
  }
  // Todo 1 is the victim's (created first): an id that coerces to 1 under the attacker's path must still miss.
  for (const id of ID_VARIANTS) {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      add(
        `${method} todo id ${id}`,
        {
          method,
          path: `${own}/todos/${id}`,
          headers: [bearer, json],
          body: method === 'PATCH' ? '{"title":"x"}' : undefined,
        },
        { allowed: [400, 404, 422] },
      );
    }
    for (const suffix of ['/todos', '/profile']) {
      add(
        `GET user id ${id}${suffix}`,
        { method: 'GET', path: `/api/users/${id}${suffix}`, headers: [bearer] },
        { allowed: [400, 403, 404, 422] },
      );
    }
  }
  return cases;
}
