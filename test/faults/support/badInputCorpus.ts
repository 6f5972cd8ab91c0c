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
  /** Statuses that are correct; when absent, any answer below 500 is. */
  allowed?: number[];
  /** The server may close the connection without answering (it stopped reading an oversized request). */
  mayDrop?: boolean;
}

interface Route {
  method: string;
  path: string;
  auth: boolean;
  /** A valid body for the route, which the corpus breaks one field at a time. */
  body?: Record<string, unknown>;
}

/** The origin the fault stack trusts (CORS_ORIGINS), so that cookie writes from it succeed and others are refused. */
export const TRUSTED_ORIGIN = 'https://app.example.test';
/** The session cookie's name in production. */
const SESSION_COOKIE = '__Host-rampart_session';

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

const OVERSIZED_BODIES: { name: string; body: string; mayDrop: boolean }[] = [
  { name: 'body just over 100 kB', body: JSON.stringify({ title: 'x'.repeat(110_000) }), mayDrop: false },
  { name: 'body of 2 MB', body: JSON.stringify({ title: 'x'.repeat(2_000_000) }), mayDrop: true },
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

const QUERY_VARIANTS = [
  'limit=0',
  'limit=-1',
  'limit=101',
  'limit=1000000',
  'limit=abc',
  'limit=',
  'limit=1.5',
  'limit=%201',
  'limit=0x10',
  'limit=Infinity',
  'limit=NaN',
  'limit=1e2',
  'limit=20&limit=30',
  'limit[]=1',
  'limit[$gt]=1',
  'limit=%00',
  "limit=1'%20OR%20'1'='1",
  'cursor=',
  'cursor=abc',
  'cursor=!!!',
  `cursor=${Buffer.from('{"id":-1}').toString('base64url')}`,
  `cursor=${Buffer.from('{"id":"1 OR 1=1"}').toString('base64url')}`,
  `cursor=${Buffer.from('{"id":1e400}').toString('base64url')}`,
  `cursor=${Buffer.from('{"id":9007199254740993}').toString('base64url')}`,
  `cursor=${Buffer.from('{"__proto__":{"id":5}}').toString('base64url')}`,
  `cursor=${Buffer.from('[]').toString('base64url')}`,
  `cursor=${Buffer.from('null').toString('base64url')}`,
  `cursor=${'A'.repeat(10_000)}`,
  'cursor[]=a',
  `${Array.from({ length: 2_000 }, (_, i) => `p${i}=1`).join('&')}`,
  'userId=1&user_id=1',
  '%E0%A4%A=1',
  'limit=%ZZ',
  'cursor=%00abc',
  'limit=1%00',
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

/** Raw requests the HTTP parser itself must refuse without harm. */
function framingAttacks(path: string, port: number, auth: string): { name: string; raw: string; mayDrop?: boolean }[] {
  const host = `Host: 127.0.0.1:${port}\r\n`;
  const head = (extra: string, method = 'GET') =>
    `${method} ${path} HTTP/1.1\r\n${host}Connection: close\r\n${auth}${extra}\r\n`;
  return [
    { name: 'bare CR in a header value', raw: head('X-Test: a\rb\r\n') },
    { name: 'NUL in a header value', raw: head('X-Test: a\u0000b\r\n') },
    { name: 'space in a header name', raw: head('X Test: a\r\n') },
    { name: 'header without a colon', raw: head('XTest\r\n') },
    { name: 'obsolete line folding', raw: head('X-Test: a\r\n b\r\n') },
    { name: 'header of 20 kB', raw: head(`X-Big: ${'a'.repeat(20_000)}\r\n`) },
    {
      name: 'header block of 64 kB',
      raw: head(Array.from({ length: 64 }, (_, i) => `X-H${i}: ${'b'.repeat(1_000)}\r\n`).join('')),
    },
    { name: '3,000 headers', raw: head(Array.from({ length: 3_000 }, (_, i) => `X-N${i}: 1\r\n`).join('')) },
    { name: 'conflicting Content-Length', raw: `${head('Content-Length: 2\r\nContent-Length: 5\r\n', 'POST')}{}` },
    { name: 'negative Content-Length', raw: `${head('Content-Length: -1\r\n', 'POST')}{}` },
    { name: 'non-numeric Content-Length', raw: `${head('Content-Length: abc\r\n', 'POST')}{}` },
    {
      name: 'Content-Length and Transfer-Encoding together',
      raw: `${head('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', 'POST')}0\r\n\r\n`,
    },
    {
      name: 'invalid chunk size',
      raw: `${head('Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n', 'POST')}zz\r\n{}\r\n0\r\n\r\n`,
    },
    { name: 'unknown transfer coding', raw: `${head('Transfer-Encoding: gzip, chunked\r\n', 'POST')}0\r\n\r\n` },
    {
      name: 'chunked body with a lying chunk size',
      raw: `${head('Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n', 'POST')}ffff\r\n{}\r\n`,
      mayDrop: true,
    },
    { name: 'no Host header', raw: `GET ${path} HTTP/1.1\r\nConnection: close\r\n${auth}\r\n` },
    { name: 'unknown method', raw: head('', 'FOO') },
    { name: 'lower-case method', raw: head('', 'get') },
    { name: 'HTTP/2.0 request line', raw: `GET ${path} HTTP/2.0\r\n${host}Connection: close\r\n\r\n` },
    { name: 'HTTP/0.9 style request', raw: `GET ${path}\r\n\r\n` },
    {
      name: 'request line with spaces in the target',
      raw: `GET ${path} x HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    },
    {
      name: 'absolute-form target to another host',
      raw: `GET http://evil.example${path} HTTP/1.1\r\n${host}Connection: close\r\n${auth}\r\n`,
    },
    { name: 'asterisk target', raw: `OPTIONS * HTTP/1.1\r\n${host}Connection: close\r\n\r\n` },
    { name: 'binary garbage', raw: '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003' },
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
    { method: 'GET', path: '/api/health', auth: false },
    { method: 'GET', path: '/api/health/ready', auth: false },
    {
      method: 'POST',
      path: '/api/auth/signup',
      auth: false,
      body: { email: 'x', password: 'correct horse battery staple', name: 'Corpus' },
    },
    {
      method: 'POST',
      path: '/api/auth/signin',
      auth: false,
      body: { email: attacker.email, password: 'not the password at all' },
    },
    { method: 'GET', path: '/api/auth/me', auth: true },
    { method: 'GET', path: `${own}/profile`, auth: true },
    { method: 'GET', path: '/api/admin/users', auth: true },
    { method: 'GET', path: `${own}/todos`, auth: true },
    { method: 'POST', path: `${own}/todos`, auth: true, body: { title: 'corpus', description: 'd', completed: false } },
    { method: 'GET', path: `${own}/todos/${attacker.todoId}`, auth: true },
    {
      method: 'PATCH',
      path: `${own}/todos/${attacker.todoId}`,
      auth: true,
      body: { title: 'corpus patch', completed: true },
    },
    { method: 'DELETE', path: `${own}/todos/${missing}`, auth: true },
  ];
  const bodyFor = (route: Route, body: Record<string, unknown>) =>
    route.path === '/api/auth/signup' && body.email === 'x' ? { ...body, email: uniqueEmail() } : body;

  const cases: CorpusCase[] = [];
  const add = (name: string, request: RawRequest, extra: Omit<CorpusCase, 'name' | 'request'> = {}) =>
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

  add('signup with role admin', {
    method: 'POST',
    path: '/api/auth/signup',
    headers: [json],
    body: JSON.stringify({ email: uniqueEmail(), password: 'correct horse battery staple', name: 'x', role: 'admin' }),
  });

  for (const route of routes) {
    const auth: [string, string][] = route.auth ? [bearer] : [];
    const framing = framingAttacks(route.path, port, route.auth ? `Authorization: Bearer ${attacker.token}\r\n` : '');
    for (const attack of framing)
      add(
        `${route.method} ${route.path}: ${attack.name}`,
        { method: route.method, path: route.path, raw: attack.raw },
        { mayDrop: attack.mayDrop },
      );
    for (const variant of headerVariants(auth)) {
      const body = route.body ? JSON.stringify(bodyFor(route, route.body)) : undefined;
      add(`${route.method} ${route.path}: ${variant.name}`, {
        method: route.method,
        path: route.path,
        headers: [...variant.headers, ...(body ? [json] : [])],
        body,
      });
    }
    for (const method of ['PUT', 'TRACE', 'OPTIONS', 'HEAD', 'PROPFIND', 'CONNECT']) {
      // Node's server drops CONNECT when nothing handles it: no answer is the right answer.
      const connect = method === 'CONNECT';
      add(
        `${method} ${route.path}`,
        { method, path: connect ? '127.0.0.1:1' : route.path, headers: auth },
        { mayDrop: connect },
      );
    }
    for (const trick of [
      '/..%2F..%2Fetc%2Fpasswd',
      '//',
      '%00',
      '%2e%2e/',
      '?a=%ZZ',
      `/${'x'.repeat(8_000)}`,
      '.json',
      ';jsessionid=1',
      '#frag',
    ]) {
      add(`${route.method} ${route.path}${trick.slice(0, 20)}`, {
        method: route.method,
        path: `${route.path}${trick}`,
        headers: auth,
      });
    }

    if (!route.body) continue;
    const base = route.body;
    for (const text of BROKEN_JSON) {
      add(
        `${route.method} ${route.path}: broken JSON ${JSON.stringify(text).slice(0, 30)}`,
        { method: route.method, path: route.path, headers: [...auth, json], body: text },
        { allowed: [400, 401, 422] },
      );
    }
    for (const text of [...ODD_JSON, ...PROTOTYPE_POLLUTION]) {
      add(`${route.method} ${route.path}: ${text.slice(0, 40)}`, {
        method: route.method,
        path: route.path,
        headers: [...auth, json],
        body: text,
      });
    }
    for (const oversized of OVERSIZED_BODIES) {
      add(
        `${route.method} ${route.path}: ${oversized.name}`,
        { method: route.method, path: route.path, headers: [...auth, json], body: oversized.body },
        { mayDrop: oversized.mayDrop },
      );
    }
    for (const contentType of CONTENT_TYPES) {
      add(`${route.method} ${route.path}: Content-Type ${contentType}`, {
        method: route.method,
        path: route.path,
        headers: [...auth, ['Content-Type', contentType]],
        body: JSON.stringify(bodyFor(route, base)),
      });
    }
    for (const encoding of ['gzip', 'deflate', 'br', 'compress', 'identity, gzip']) {
      add(`${route.method} ${route.path}: Content-Encoding ${encoding} over plain bytes`, {
        method: route.method,
        path: route.path,
        headers: [...auth, json, ['Content-Encoding', encoding]],
        body: JSON.stringify(bodyFor(route, base)),
      });
    }
    for (const field of [...Object.keys(base), 'unexpected']) {
      for (const value of HOSTILE_VALUES) {
        const body = { ...bodyFor(route, base), [field]: value };
        add(`${route.method} ${route.path}: ${field}=${JSON.stringify(value)?.slice(0, 30)}`, {
          method: route.method,
          path: route.path,
          headers: [...auth, json],
          body: JSON.stringify(body),
        });
      }
      const without = { ...bodyFor(route, base) };
      delete without[field];
      add(`${route.method} ${route.path}: without ${field}`, {
        method: route.method,
        path: route.path,
        headers: [...auth, json],
        body: JSON.stringify(without),
      });
    }
  }

  for (const query of QUERY_VARIANTS) {
    for (const path of [`${own}/todos`, '/api/users/me/todos']) {
      add(`GET ${path}?${query.slice(0, 40)}`, { method: 'GET', path: `${path}?${query}`, headers: [bearer] });
    }
  }
  for (const id of ID_VARIANTS) {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      add(`${method} todo id ${id}`, {
        method,
        path: `${own}/todos/${id}`,
        headers: [bearer, json],
        body: method === 'PATCH' ? '{"title":"x"}' : undefined,
      });
    }
    for (const suffix of ['/todos', '/profile']) {
      add(`GET user id ${id}${suffix}`, { method: 'GET', path: `/api/users/${id}${suffix}`, headers: [bearer] });
    }
  }
  return cases;
}
