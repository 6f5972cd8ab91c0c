// Checklist: the declared response schema picks the columns read and the fields sent, so nothing undeclared leaks.
import request from 'supertest';
import { DataTypes, QueryTypes, type Model, type ModelStatic } from 'sequelize';
import { z } from 'zod';
import { storedRow } from '../../src/openapi/components';
import { ownedRepository, type OwnedRow } from '../../src/resources/ownedRepository';
import { rowTable } from '../../src/resources/rowTable';
import { sharedRepository } from '../../src/resources/sharedRepository';
import { signUpAdmin } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

interface Probe extends OwnedRow {
  title: string;
  secret: string;
}

let ctx: TestApp;
let model: ModelStatic<Probe>;
/** The probe's declared row: `secret` is a column added to the model by hand, never declared. */
const row = storedRow({ title: z.string() });

beforeAll(async () => {
  ctx = await createTestApp();
  model = ctx.db.sequelize.define<Probe>(
    'ShapeProbe',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING, allowNull: false },
      secret: { type: DataTypes.STRING, allowNull: false, defaultValue: 'hand-added, never declared' },
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'shape_probes', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  await model.sync({ force: true });
});
afterAll(async () => {
  await model.drop();
  await ctx.close();
});

/** Every SQL statement Sequelize sends while `work` runs. */
async function sqlOf(work: () => Promise<unknown>): Promise<string> {
  const statements: string[] = [];
  const options = (ctx.db.sequelize as unknown as { options: { logging: unknown } }).options;
  const before = options.logging;
  options.logging = (sql: string) => statements.push(sql);
  try {
    await work();
  } finally {
    options.logging = before;
  }
  return statements.join('\n');
}

const declared = ['id', 'user_id', 'title', 'created_at', 'updated_at'];

interface Operations {
  create(values: object): Promise<{ id: number }>;
  list(): Promise<{ rows: object[] }>;
  find(id: number): Promise<object | null>;
  update(id: number, changes: { title: string }): Promise<object | null>;
}

async function expectOnlyDeclared(repository: Operations): Promise<void> {
  const created = await repository.create({ title: 'shaped', secret: 'from the body' });
  const { rows } = await repository.list();
  const found = await repository.find(created.id);
  let updated: object | null = null;
  const sql = await sqlOf(async () => {
    updated = await repository.update(created.id, { title: 'changed' });
  });
  for (const shaped of [created, ...rows, found, updated]) {
    expect(Object.keys(shaped ?? {}).sort()).toEqual([...declared].sort());
  }
  expect(sql).not.toContain('secret');
  // The undeclared column kept its default: nothing in the body could write it.
  const stored = await ctx.db.sequelize.query('SELECT secret FROM shape_probes WHERE id = :id', {
    replacements: { id: created.id },
    type: QueryTypes.SELECT,
  });
  expect(stored).toEqual([{ secret: 'hand-added, never declared' }]);
}

describe('owned and shared repositories', () => {
  it('owned: create, list, find and update return only the declared columns', async () => {
    const probes = ownedRepository(model, row);
    await expectOnlyDeclared({
      create: (values) => probes.create(7, values as never),
      list: () => probes.list(7, { limit: 100 }),
      find: (id) => probes.find(7, id),
      update: (id, changes) => probes.update(7, id, changes),
    });
  });

  it('shared: create, list, find and update return only the declared columns', async () => {
    const probes = sharedRepository(model, row);
    await expectOnlyDeclared({
      create: (values) => probes.create(7, values as never),
      list: () => probes.list({ limit: 100 }),
      find: (id) => probes.find(id),
      update: (id, changes) => probes.update(id, changes),
    });
  });

  it('reads the list and writes the insert with the declared columns only', () => {
    const table = rowTable(model, row);
    for (const statement of [table.ownedPage, table.page, table.insert]) expect(statement.text).not.toContain('secret');
    expect(table.ownedPage.text).toContain('WHERE "user_id" = $1');
  });

  it('refuses, at start-up, a declared column the model does not have, naming it', () => {
    expect(() => rowTable(model as unknown as ModelStatic<Model>, storedRow({ nickname: z.string() }))).toThrow(
      'ShapeProbe has no column "nickname" declared by its row schema',
    );
  });
});

describe('GET /api/admin/users', () => {
  it('never reads password_hash, and sends only the declared User fields', async () => {
    const admin = await signUpAdmin(ctx);
    let res: request.Response | undefined;
    const sql = await sqlOf(async () => {
      res = await request(ctx.app).get('/api/admin/users?limit=100').set(admin.auth);
    });
    expect(res?.status).toBe(200);
    const listQuery = sql.split('\n').find((statement) => statement.includes('ORDER BY'));
    expect(listQuery).toBeDefined();
    expect(listQuery).not.toContain('password_hash');
    for (const user of res?.body as object[])
      expect(Object.keys(user).sort()).toEqual(['created_at', 'email', 'email_verified', 'id', 'name', 'role']);
  });
});
