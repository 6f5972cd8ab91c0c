// Issue 10 item 9: PostgreSQL's refusals of a value are mapped by SQLSTATE in the one error middleware:
// 22xxx data errors and 23503 are 422 (naming the field when PostgreSQL does), 23505 is 409; never a 500.
import express from 'express';
import request from 'supertest';
import { databaseRefusalFacts, databaseValueProblem } from '../../src/http/databaseErrors';
import { createErrorHandler } from '../../src/http/errorHandler';
import { PROBLEMS } from '../../src/http/problems';
import { createLogger } from '../../src/logger';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let app: express.Express;
/** The error middleware's log lines, parsed. */
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  ctx = await createTestApp();
  const sql = (text: string) => ctx.db.sequelize.query(text);
  await sql(`CREATE TABLE IF NOT EXISTS sqlstate_parents (id integer PRIMARY KEY)`);
  await sql(`CREATE TABLE IF NOT EXISTS sqlstate_children (
    id serial PRIMARY KEY,
    parent_id integer REFERENCES sqlstate_parents (id),
    code varchar(2),
    small smallint,
    day date
  )`);
  await sql(`INSERT INTO sqlstate_parents (id) VALUES (1) ON CONFLICT DO NOTHING`);
  await sql(`INSERT INTO sqlstate_children (parent_id) VALUES (1)`);
  // Each route sends PostgreSQL one value a request could carry past its schema.
  const statements: Record<string, string> = {
    'year-zero': `INSERT INTO sqlstate_children (day) VALUES ('0000-01-01')`,
    'bad-date': `INSERT INTO sqlstate_children (day) VALUES ('2026-02-30x')`,
    'too-long': `INSERT INTO sqlstate_children (code) VALUES ('abc')`,
    'out-of-range': `INSERT INTO sqlstate_children (small) VALUES (100000)`,
    'bad-integer': `INSERT INTO sqlstate_children (small) VALUES ('twelve')`,
    'missing-parent': `INSERT INTO sqlstate_children (parent_id) VALUES (999)`,
    'referenced-parent': `DELETE FROM sqlstate_parents WHERE id = 1`,
    duplicate: `INSERT INTO sqlstate_parents (id) VALUES (1)`,
  };
  app = express();
  app.get('/:case', async (req) => {
    await sql(statements[req.params.case] as string);
  });
  app.use(createErrorHandler(createLogger('info', { write: (line: string) => logged.push(JSON.parse(line)) })));
});
afterAll(() => ctx.close());

describe('PostgreSQL errors by SQLSTATE', () => {
  it.each([
    ['year-zero', 'year 0000 (22008)', 'datetime_out_of_range'],
    ['bad-date', 'a malformed date (22007)', 'datetime_invalid'],
    ['too-long', 'a string too long for its column (22001)', 'string_too_long'],
    ['out-of-range', 'a number out of range (22003)', 'number_out_of_range'],
    ['bad-integer', 'text where a number goes (22P02)', 'value_invalid'],
  ])('answers %s, %s, with 422', async (path, _label, type) => {
    const res = await request(app).get(`/${path}`);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ detail: [expect.objectContaining({ loc: ['body'], type })], code: 'VALIDATION_FAILED' });
  });

  it('answers a foreign key pointing nowhere (23503) with 422 naming the field', async () => {
    const res = await request(app).get('/missing-parent');
    expect(res.status).toBe(422);
    expect(res.body.detail).toEqual([
      { loc: ['body', 'parent_id'], msg: 'Refers to a row that does not exist', type: 'foreign_key' },
    ]);
  });

  it('answers a delete of a row others still reference (23503) with 409', async () => {
    const res = await request(app).get('/referenced-parent');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'Still referenced by other rows', code: 'STILL_REFERENCED' });
  });

  it('tells a blocked delete (409) from a missing parent (422) by the statement, whatever language the server speaks', async () => {
    const refusal = async (statement: string) => {
      const err = await ctx.db.sequelize.query(statement).then(
        () => undefined,
        (error: unknown) => error as { parent: { detail?: string } },
      );
      // As a server with lc_messages=de_DE words it.
      if (err) err.parent.detail = 'Schlüssel (id)=(1) wird noch aus Tabelle »sqlstate_children« verwiesen.';
      return databaseValueProblem(err);
    };
    expect((await refusal('DELETE FROM sqlstate_parents WHERE id = 1'))?.code).toBe('STILL_REFERENCED');
    expect((await refusal('INSERT INTO sqlstate_children (parent_id) VALUES (999)'))?.code).toBe('VALIDATION_FAILED');
    // Only a statement that starts with DELETE, in any case, is one.
    expect((await refusal('delete from sqlstate_parents WHERE id = 1'))?.code).toBe('STILL_REFERENCED');
    // A DELETE refused for another reason is no blocked delete.
    expect((await refusal("DELETE FROM sqlstate_parents WHERE id = 'one'"))?.code).toBe('VALIDATION_FAILED');
    expect((await refusal('INSERT INTO sqlstate_children (parent_id) VALUES (999) -- not a DELETE'))?.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('answers a duplicate key (23505) with 409 naming the column', async () => {
    const res = await request(app).get('/duplicate');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ detail: 'A row with this id already exists', code: 'ALREADY_EXISTS' });
  });

  it('logs a value the schemas let through, for operators, with where but not what', async () => {
    logged.length = 0;
    await request(app).get('/too-long');
    await request(app).get('/missing-parent');
    // A blocked delete (409) is no value the schemas let through: nothing to log.
    await request(app).get('/referenced-parent');
    expect(logged).toEqual([
      expect.objectContaining({ level: 'warn', sqlstate: '22001', path: '/too-long', msg: 'database refused a value' }),
      expect.objectContaining({
        level: 'warn',
        sqlstate: '23503',
        table: 'sqlstate_children',
        constraint: 'sqlstate_children_parent_id_fkey',
      }),
    ]);
    expect(JSON.stringify(logged)).not.toMatch(/abc|999|INSERT/);
  });

  it('never leaks the statement or PostgreSQL message', async () => {
    const res = await request(app).get('/year-zero');
    expect(res.text).not.toMatch(/sqlstate_children|out of range:|INSERT/);
  });
});

describe('PostgreSQL errors without Sequelize around them (the prepared statements of src/db/statements.ts)', () => {
  /** A bare node-postgres error: no `parent`, no `sql`. */
  const raw = (fields: Record<string, unknown>) => Object.assign(new Error('refused'), fields);

  it('maps a bare driver error by its SQLSTATE, naming the column PostgreSQL names', () => {
    const refused = databaseValueProblem(raw({ code: '23502', column: 'title', table: 'todos' }));
    expect(refused).toMatchObject({
      status: 422,
      issues: [{ loc: ['body', 'title'], msg: 'Required', type: 'missing' }],
    });
  });

  it('prefers the column PostgreSQL names to a key in its detail', () => {
    const refused = databaseValueProblem(
      raw({ code: '23505', column: 'email', detail: 'Key (id)=(1) already exists.' }),
    );
    expect(refused?.detail).toBe('A row with this email already exists');
  });

  it('answers a duplicate with the catalogue detail when PostgreSQL names no column', () => {
    expect(databaseValueProblem(raw({ code: '23505' }))?.detail).toBe(PROBLEMS.ALREADY_EXISTS.detail);
    expect(
      databaseValueProblem(raw({ code: '23505', detail: 'Key (user_id, title)=(1, x) already exists.' }))?.detail,
    ).toBe('A row with this user_id, title already exists');
  });

  it('tells a blocked delete by its English detail when there is no statement to read', () => {
    const detail = 'Key (id)=(1) is still referenced from table "todos".';
    expect(databaseValueProblem(raw({ code: '23503', detail }))?.code).toBe('STILL_REFERENCED');
    const missing = databaseValueProblem(
      raw({ code: '23503', detail: 'Key (owner_id)=(9) is not present in table "users".' }),
    );
    expect(missing).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ loc: ['body', 'owner_id'] }] });
    expect(databaseValueProblem(raw({ code: '23503' }))?.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', '23505'],
    ['an error without a code', raw({})],
    ['a numeric code', raw({ code: 23505 })],
    ['a numeric code of a refused value', raw({ code: 22001 })],
    ['another class (42P01)', raw({ code: '42P01' })],
    ['a code with 22 inside it', raw({ code: '0220001' })],
    ['a code that starts like one but is longer', raw({ code: '230050' })],
    ['a code that is too short', raw({ code: '2350' })],
    ['a lower-case code', raw({ code: '22p02' })],
    ['a wrapped error whose parent is not one', { parent: raw({ code: '08006' }) }],
  ])('leaves %s to the other mappings', (_label, err) => {
    expect(databaseValueProblem(err)).toBeUndefined();
  });

  it('reads the wrapped error first, when Sequelize wraps one', () => {
    const wrappedError = Object.assign(raw({ code: '42P01' }), { parent: raw({ code: '22001' }) });
    expect(databaseValueProblem(wrappedError)?.code).toBe('VALIDATION_FAILED');
  });
});

describe('what operators see of a refusal', () => {
  const raw = (fields: Record<string, unknown>) => Object.assign(new Error('refused'), fields);

  it('keeps the SQLSTATE, table, column and constraint, and nothing else', () => {
    const facts = databaseRefusalFacts(
      raw({
        code: '23514',
        table: 'todos',
        column: 'due',
        constraint: 'todos_due_check',
        detail: 'Failing row (secret)',
      }),
    );
    expect(facts).toEqual({ sqlstate: '23514', table: 'todos', column: 'due', constraint: 'todos_due_check' });
  });

  it('leaves out names that are not strings, and refusals outside the catalogue', () => {
    expect(databaseRefusalFacts(raw({ code: '22001', table: 1, column: null }))).toEqual({ sqlstate: '22001' });
    expect(databaseRefusalFacts(raw({ code: '23505', table: 'users' }))).toBeUndefined();
    expect(databaseRefusalFacts(raw({ code: '22012' }))).toBeUndefined();
    expect(databaseRefusalFacts(new Error('not a database error'))).toBeUndefined();
  });
});
