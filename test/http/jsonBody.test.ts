// Rows leave as JSON.stringify would write them, byte for byte; only responses no cache may keep skip the ETag.
import express from 'express';
import request from 'supertest';
import { isoDateTime, rowsJson, sendRows } from '../../src/http/jsonBody';
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
  [1, 'an array row', new Date(0)],
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

describe('isoDateTime', () => {
  it('writes what Date#toISOString writes, at every boundary of every part', () => {
    const years = [-1, 0, 1, 9, 10, 99, 100, 999, 1000, 1970, 2026, 9999, 10_000];
    const dates = years.flatMap((year) =>
      [0, 9, 10, 11].flatMap((month) =>
        [1, 9, 10, 28].flatMap((day) =>
          [0, 9, 10, 23].flatMap((hour) =>
            [0, 9, 10, 59].map((part) => {
              const date = new Date(Date.UTC(2000, month, day, hour, part, part, [0, 9, 10, 99, 100, 999][part % 6]));
              date.setUTCFullYear(year);
              return date;
            }),
          ),
        ),
      ),
    );
    for (const ms of [0, 1, 9, 10, 11, 99, 100, 101, 999]) dates.push(new Date(Date.UTC(2026, 11, 7, 2, 3, 4, ms)));
    for (const date of dates) expect(isoDateTime(date)).toBe(date.toISOString());
  });
});

describe('the fast path', () => {
  const rows = [
    { id: 1, done: true, note: null, title: 'a', at: new Date('2026-12-07T02:16:24.601Z') },
    { id: 2, done: false, note: 'b', title: 'c', at: new Date('2026-12-07T02:16:24.010Z') },
  ];
  afterEach(() => jest.restoreAllMocks());

  it("serialises a page of plain rows without Date#toISOString or JSON.stringify's object walk", () => {
    const toISOString = jest.spyOn(Date.prototype, 'toISOString');
    const stringify = jest.spyOn(JSON, 'stringify');
    expect(rowsJson(rows)).toBe(
      '[{"id":1,"done":true,"note":null,"title":"a","at":"2026-12-07T02:16:24.601Z"},' +
        '{"id":2,"done":false,"note":"b","title":"c","at":"2026-12-07T02:16:24.010Z"}]',
    );
    expect(rowsJson(rows[0])).toBe('{"id":1,"done":true,"note":null,"title":"a","at":"2026-12-07T02:16:24.601Z"}');
    expect(toISOString).not.toHaveBeenCalled();
    // Keys and string values only: never a whole row or page, a Date, a boolean or null.
    for (const [value] of stringify.mock.calls) expect(typeof value).toBe('string');
    expect(stringify.mock.calls.map(([value]) => value as string)).toEqual(expect.arrayContaining(['a', 'b', 'c']));
  });

  it('takes a row with a null prototype as a plain row too', () => {
    const toISOString = jest.spyOn(Date.prototype, 'toISOString');
    const row = Object.assign(Object.create(null) as Record<string, unknown>, { at: new Date(0) });
    expect(rowsJson(row)).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(toISOString).not.toHaveBeenCalled();
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
