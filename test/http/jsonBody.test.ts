// Rows leave as JSON.stringify would write them, byte for byte; only responses no cache may keep skip the ETag.
import express from 'express';
import request from 'supertest';
import { rowsJson, sendRows } from '../../src/http/jsonBody';
import { noStore } from '../../src/http/noStore';

class Instance {
  constructor(readonly id: number) {}
  get hidden() {
    return 'from the prototype';
  }
}

const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { id: 3, at: new Date(0) });

const ROWS: unknown[] = [
  {
    id: 1,
    user_id: 7,
    title: 'Quote " backslash \\ newline \n tab \t NUL-free control \u0001 emoji 🎉 lone surrogate \ud800',
    description: null,
    completed: false,
    created_at: new Date('2026-12-07T02:16:24.601Z'),
    updated_at: new Date(Date.UTC(10_000, 0, 1)),
  },
  { id: 2, amount: -0, big: 1e21, small: 5e-7, ratio: -1.5, nan: NaN, inf: Infinity, minusInf: -Infinity },
  { skipped: undefined, fn: () => 1, symbol: Symbol('s'), kept: true, invalid: new Date(Number.NaN) },
  { nested: { at: new Date(1), list: [1, 'two', null, undefined, new Date(2)] }, tags: ['a', 'b'], empty: {} },
  { 'key "with" quotes': 1, 'line\nbreak': 2, '': 3, __proto__json: 4 },
  { buffer: Buffer.from('hi'), withToJson: { toJSON: () => 'custom' }, dropped: { toJSON: () => undefined } },
  {},
  new Instance(9),
  nullPrototype,
  { toJSON: () => ({ replaced: true }) },
  null,
  'a string row',
  42,
];

describe('rowsJson', () => {
  it.each(ROWS.map((row, i) => [i, row]))('writes row %i exactly as JSON.stringify does', (_i, row) => {
    expect(rowsJson(row)).toBe(JSON.stringify(row));
  });

  it('writes a list of rows exactly as JSON.stringify does, empty or not', () => {
    expect(rowsJson(ROWS)).toBe(JSON.stringify(ROWS));
    expect(rowsJson([])).toBe('[]');
    expect(rowsJson([undefined, () => 1])).toBe(JSON.stringify([undefined, () => 1]));
  });

  it('refuses a bigint as JSON.stringify does', () => {
    expect(() => JSON.stringify({ n: 1n })).toThrow(TypeError);
    expect(() => rowsJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('sendRows', () => {
  const rows = [{ id: 1, title: 'é', at: new Date(0) }];
  const app = express();
  app.get('/private', noStore, (_req, res) => sendRows(res, 200, rows));
  app.get('/public', (_req, res) => sendRows(res, 200, rows));
  app.post('/private', noStore, (_req, res) => sendRows(res, 201, rows[0]));

  it('writes a no-store response directly: JSON with its byte length, and no ETag', async () => {
    const res = await request(app).get('/private').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(rows))));
    expect(res.headers.etag).toBeUndefined();
    expect(res.body).toEqual(JSON.parse(JSON.stringify(rows)));
    const created = await request(app).post('/private').expect(201);
    expect(created.body).toEqual(JSON.parse(JSON.stringify(rows[0])));
  });

  it('answers HEAD on a no-store response with the headers only', async () => {
    const res = await request(app).head('/private').expect(200);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(rows))));
    expect(res.text).toBeUndefined();
  });

  it('keeps the ETag and 304 revalidation of a response caches may keep', async () => {
    const res = await request(app).get('/public').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toEqual(expect.any(String));
    expect(res.text).toBe(JSON.stringify(rows));
    await request(app)
      .get('/public')
      .set('If-None-Match', res.headers.etag as string)
      .expect(304);
  });
});
