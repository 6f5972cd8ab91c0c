// Item 4: /api/openapi.json is an OpenAPI 3.1 document built from the routes' own zod schemas, and matches the app.
import request from 'supertest';
import { passwordChangeBody, signinBody, signupBody } from '../../src/auth/schemas';
import { pageQuery } from '../../src/http/pagination';
import { toJsonSchema } from '../../src/openapi/jsonSchema';
import { toOpenApiPath } from '../../src/openapi/resourceOperations';
import type { OpenApiDocument, Operation } from '../../src/openapi/types';
import { resources } from '../../src/resources';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let doc: OpenApiDocument;
beforeAll(async () => {
  ctx = await createTestApp();
  const res = await request(ctx.app).get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.body as OpenApiDocument;
});
afterAll(() => ctx.close());

function operations(document = doc): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, string, Operation] => [path, method, operation]),
  );
}

/** Every `$ref` in the document, wherever it sits. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' ? [inner as string] : refs(inner)));
  }
  return [];
}

/** Whether the app has a route there: its catch-all answers an unknown route with exactly 404 "Not found". */
async function served(app: TestApp, path: string, method: string): Promise<boolean> {
  const url = path.replace('{userId}', 'me').replace(/\{[^}]+\}/g, '1');
  const res = await request(app.app)[method as 'get' | 'post' | 'patch' | 'delete'](url).send({});
  return !(res.status === 404 && res.body.detail === 'Not found');
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with bearer JWT and session cookie security schemes', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.components.securitySchemes.cookie).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'rampart_session' }),
    );
  });

  it('lists the health, auth, users and admin operations', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/health/ready',
        '/api/auth/signup',
        '/api/auth/signin',
        '/api/auth/me',
        '/api/auth/signout',
        '/api/auth/signout-all',
        '/api/auth/password',
        '/api/auth/password/forgot',
        '/api/auth/password/reset',
        '/api/auth/email/verify-request',
        '/api/auth/email/verify',
        '/api/auth/sessions',
        '/api/auth/sessions/{id}',
        '/api/users/{userId}/profile',
        '/api/admin/users',
      ]),
    );
    expect(doc.paths['/api/auth/signup']?.post).toBeDefined();
    expect(doc.paths['/api/auth/me']?.patch?.operationId).toBe('updateMe');
    expect(doc.paths['/api/auth/sessions/{id}']?.delete?.responses['404']).toBeDefined();
    expect(doc.paths['/api/auth/me']?.get?.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(doc.paths['/api/auth/signup']?.post?.parameters).toEqual([
      expect.objectContaining({ name: 'session', in: 'query', schema: expect.objectContaining({ enum: ['cookie'] }) }),
    ]);
  });

  it('describes the signup body exactly as the zod schema the route validates with', () => {
    const schema = doc.paths['/api/auth/signup']?.post?.requestBody?.content['application/json']?.schema;
    expect(schema).toEqual(toJsonSchema(signupBody, 'input'));
    expect(schema).toEqual(
      expect.objectContaining({ required: ['email', 'password', 'name'], additionalProperties: false }),
    );
    const signin = doc.paths['/api/auth/signin']?.post?.requestBody?.content['application/json']?.schema;
    expect(signin).toEqual(toJsonSchema(signinBody, 'input'));
    const password = doc.paths['/api/auth/password']?.post?.requestBody?.content['application/json']?.schema;
    expect(password).toEqual(toJsonSchema(passwordChangeBody, 'input'));
    expect(password).toEqual(expect.objectContaining({ required: ['current_password', 'new_password'] }));
  });

  it('documents limit and cursor on paged lists, with the Link header', () => {
    const adminUsers = doc.paths['/api/admin/users']?.get;
    const properties = (toJsonSchema(pageQuery, 'input') as { properties: Record<string, unknown> }).properties;
    expect(adminUsers?.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, schema: properties.limit },
      { name: 'cursor', in: 'query', required: false, schema: properties.cursor },
    ]);
    expect(adminUsers?.parameters?.[0]).toEqual(
      expect.objectContaining({ schema: expect.objectContaining({ minimum: 1, maximum: 100, default: 20 }) }),
    );
    const ok = adminUsers?.responses['200'];
    expect(ok && 'headers' in ok ? ok.headers : undefined).toHaveProperty('Link');
  });

  it('resolves every $ref to a component that exists', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) {
      const [, , kind, name] = ref.split('/');
      expect(doc.components[kind as keyof OpenApiDocument['components']]).toHaveProperty([name as string]);
    }
  });

  it('gives every operation a unique id, and every secured one a 401 response', () => {
    const ids = operations().map(([, , operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, method, operation] of operations()) {
      if (operation.security)
        expect([path, method, operation.responses['401']]).toEqual([path, method, expect.anything()]);
    }
  });

  it('documents only routes the app serves', async () => {
    for (const [path, method] of operations()) {
      expect([method, path, await served(ctx, path, method)]).toEqual([method, path, true]);
    }
  });

  it('includes every resource of the route table', () => {
    for (const resource of resources) {
      expect(Object.keys(doc.paths)).toContain(toOpenApiPath(resource.path));
    }
  });
});

describe('GET /api/openapi.json with LOCAL_ACCOUNTS=false', () => {
  let external: TestApp;
  let externalDoc: OpenApiDocument;
  beforeAll(async () => {
    external = await createTestApp({ LOCAL_ACCOUNTS: 'false' }, { db: ctx.db });
    externalDoc = (await request(external.app).get('/api/openapi.json')).body as OpenApiDocument;
  });
  afterAll(() => external.close());

  const has = (document: OpenApiDocument, path: string, method: string) =>
    Boolean(document.paths[path]?.[method as keyof (typeof document.paths)[string]]);

  it('lists no signup, signin, password, email or profile-change operation', () => {
    for (const [path, method] of [
      ['/api/auth/signup', 'post'],
      ['/api/auth/signin', 'post'],
      ['/api/auth/me', 'patch'],
      ['/api/auth/password', 'post'],
      ['/api/auth/password/forgot', 'post'],
      ['/api/auth/password/reset', 'post'],
      ['/api/auth/email/verify-request', 'post'],
      ['/api/auth/email/verify', 'post'],
    ]) {
      expect([path, method, has(externalDoc, path as string, method as string)]).toEqual([path, method, false]);
    }
    expect(JSON.stringify(externalDoc.tags)).not.toMatch(/Sign up/);
  });

  it('keeps the caller, sign-out and session operations, and every resource', () => {
    for (const [path, method] of [
      ['/api/auth/me', 'get'],
      ['/api/auth/signout', 'post'],
      ['/api/auth/signout-all', 'post'],
      ['/api/auth/sessions', 'get'],
      ['/api/auth/sessions/{id}', 'delete'],
    ]) {
      expect([path, method, has(externalDoc, path as string, method as string)]).toEqual([path, method, true]);
    }
    for (const resource of resources) expect(Object.keys(externalDoc.paths)).toContain(toOpenApiPath(resource.path));
  });

  it('mirrors the mounted routes exactly: every listed operation is served, every one left out is not', async () => {
    for (const [path, method] of operations(externalDoc)) {
      expect([method, path, await served(external, path, method)]).toEqual([method, path, true]);
    }
    const leftOut = operations().filter(([path, method]) => !has(externalDoc, path, method));
    expect(leftOut.length).toBeGreaterThan(0);
    for (const [path, method] of leftOut) {
      expect([method, path, await served(external, path, method)]).toEqual([method, path, false]);
    }
  });

  it('shows the same document on /docs, which loads /api/openapi.json', async () => {
    const init = await request(external.app).get('/docs/init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain("'/api/openapi.json'");
  });
});
