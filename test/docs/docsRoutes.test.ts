// Item 4: /docs is served from the swagger-ui-dist package under its own same-origin CSP; the API keeps 'none'.
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('GET /docs', () => {
  it('serves the page with a CSP that allows only this origin', async () => {
    const res = await request(ctx.app).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    // No inline script and nothing from another origin: every script and stylesheet is a local path.
    expect(res.text).not.toMatch(/<script>|https?:\/\//);
    expect(res.text).toContain('src="/docs/assets/swagger-ui-bundle.js"');
  });

  it('serves Swagger UI from node_modules and the start-up script pointing at the document', async () => {
    const bundle = await request(ctx.app).get('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.headers['content-security-policy']).toContain("default-src 'self'");
    const init = await request(ctx.app).get('/docs/init.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
    expect(init.text).toContain('validatorUrl: null');
  });

  it('does not serve the rest of the package (its demo page pointing at the petstore)', async () => {
    for (const file of ['index.html', 'swagger-initializer.js', 'package.json', '../package.json']) {
      const res = await request(ctx.app).get(`/docs/assets/${file}`);
      expect([file, res.status]).toEqual([file, 404]);
    }
  });

  it('leaves the API under the strict default-src none policy', async () => {
    for (const url of ['/api/health', '/api/openapi.json']) {
      const res = await request(ctx.app).get(url);
      expect([url, res.headers['content-security-policy']]).toEqual([
        url,
        expect.stringContaining("default-src 'none'"),
      ]);
    }
  });
});
