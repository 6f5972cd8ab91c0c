// Issue 15: one catalogue of errors, held to the error middleware, the OpenAPI document and docs/http-api.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { problem } from '../../src/http/errors';
import { createErrorHandler } from '../../src/http/errorHandler';
import { PROBLEMS, PROBLEM_CODES, type ProblemCode } from '../../src/http/problems';
import { createLogger } from '../../src/logger';
import { buildOpenApiDocument } from '../../src/openapi/document';
import type { MediaType, OpenApiDocument, Response, ResponseOrRef } from '../../src/openapi/types';
import { resources } from '../../src/resources';

const doc: OpenApiDocument = buildOpenApiDocument(resources, { title: 'Rampart', version: 'test' });

function resolve(response: ResponseOrRef): Response {
  if (!('$ref' in response)) return response;
  const name = response.$ref.replace('#/components/responses/', '');
  const found = doc.components.responses[name];
  if (!found) throw new Error(`dangling ${response.$ref}`);
  return found;
}

/** Every error example of an operation's responses, with the status it is documented under. */
function documentedExamples(): { status: number; name: string; value: unknown }[] {
  return Object.values(doc.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) =>
      Object.entries(operation.responses).flatMap(([status, response]) => {
        const media: MediaType | undefined = resolve(response).content?.['application/json'];
        return Object.entries(media?.examples ?? {}).map(([name, example]) => ({
          status: Number(status),
          name,
          value: example.value,
        }));
      }),
    ),
  );
}

describe('the error catalogue', () => {
  it('gives every entry a SCREAMING_SNAKE code, an error status and a detail', () => {
    for (const code of PROBLEM_CODES) {
      const { status, detail, when } = PROBLEMS[code];
      expect([code, status >= 400 && status < 600, detail.length > 0, when.length > 0]).toEqual([
        expect.stringMatching(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/),
        true,
        true,
        true,
      ]);
    }
  });

  it('is answered by the error middleware as {detail, code} with the entry status and headers', async () => {
    const app = express();
    app.get('/:code', (req) => {
      throw problem(req.params.code as ProblemCode);
    });
    app.use(createErrorHandler(createLogger('silent')));
    for (const code of PROBLEM_CODES.filter((entry) => entry !== 'VALIDATION_FAILED')) {
      const res = await request(app).get(`/${code}`);
      expect([code, res.status, res.body]).toEqual([
        code,
        PROBLEMS[code].status,
        { detail: PROBLEMS[code].detail, code },
      ]);
      for (const [name, value] of Object.entries(PROBLEMS[code].headers ?? {})) {
        expect([code, name, res.headers[name.toLowerCase()]]).toEqual([code, name, value]);
      }
    }
  });

  it('is the enum of `code` in the OpenAPI Error schema', () => {
    const error = doc.components.schemas.Error as { properties: { code: { enum: string[] } } };
    expect(error.properties.code.enum).toEqual(PROBLEM_CODES);
    expect(doc.components.schemas.Error).toEqual(expect.objectContaining({ required: ['detail', 'code'] }));
  });

  it('shows every entry in the OpenAPI document, under its own status only', () => {
    const examples = documentedExamples();
    for (const { status, name, value } of examples) {
      const entry = PROBLEMS[name as ProblemCode];
      expect([name, status]).toEqual([name, entry?.status]);
      expect(value).toEqual(
        name === 'VALIDATION_FAILED'
          ? { detail: expect.any(Array), code: name }
          : { detail: entry?.detail, code: name },
      );
    }
    const shown = new Set(examples.map((example) => example.name));
    expect(PROBLEM_CODES.filter((code) => !shown.has(code))).toEqual([]);
  });

  it('is the error table of docs/http-api.md, row for row', () => {
    const markdown = readFileSync(join(__dirname, '../../docs/http-api.md'), 'utf8');
    const rows = [...markdown.matchAll(/^\| `([A-Z0-9_]+)` +\| (\d{3}) +\| (.+?) +\| (.+?) +\|$/gm)].map(
      ([, code, status, detail, when]) => ({ code, status: Number(status), detail, when }),
    );
    expect(rows).toEqual(
      PROBLEM_CODES.map((code) => ({
        code,
        status: PROBLEMS[code].status,
        detail: PROBLEMS[code].detail,
        when: PROBLEMS[code].when,
      })),
    );
  });
});
