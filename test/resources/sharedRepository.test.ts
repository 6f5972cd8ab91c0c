// The shared repository (admin and public-read resources) reaches exactly the row it is given, whoever owns it.
import { storedRow } from '../../src/openapi/components';
import { pageQuery } from '../../src/http/pagination';
import { sharedRepository } from '../../src/resources/sharedRepository';
import { defineTodoModel, type TodoModel } from '../../src/resources/todos/model';
import { todoFields } from '../../src/resources/todos/schemas';
import { signUp } from '../support/factories';
import { createTestApp, type TestApp } from '../support/testApp';

let ctx: TestApp;
let todos: TodoModel;
let owners: [number, number];
beforeAll(async () => {
  ctx = await createTestApp();
  todos = defineTodoModel(ctx.db.sequelize);
  owners = [(await signUp(ctx.app)).user.id, (await signUp(ctx.app)).user.id];
});
afterAll(() => ctx.close());

describe('sharedRepository', () => {
  it('creates with the given creator, whatever the values say', async () => {
    const repo = sharedRepository(todos, storedRow(todoFields));
    const row = await repo.create(owners[0], { title: 'shared', user_id: owners[1] } as never);
    expect(row.user_id).toBe(owners[0]);
  });

  it('finds, updates and removes the row with that id only, across owners', async () => {
    const repo = sharedRepository(todos, storedRow(todoFields));
    const first = await repo.create(owners[0], { title: 'first' });
    const second = await repo.create(owners[1], { title: 'second' });

    expect((await repo.find(second.id))?.title).toBe('second');
    expect(await repo.find(2_147_000_000)).toBeNull();

    expect((await repo.update(second.id, { title: 'renamed' }))?.title).toBe('renamed');
    expect((await todos.findByPk(first.id))?.title).toBe('first');
    expect(await repo.update(2_147_000_000, { title: 'x' })).toBeNull();

    expect(await repo.remove(second.id)).toBe(true);
    expect(await repo.remove(second.id)).toBe(false);
    expect(await todos.findByPk(first.id)).not.toBeNull();
    expect(await todos.findByPk(second.id)).toBeNull();
  });

  it("lists every owner's rows", async () => {
    const repo = sharedRepository(todos, storedRow(todoFields));
    const mine = await repo.create(owners[0], { title: 'listed a' });
    const theirs = await repo.create(owners[1], { title: 'listed b' });
    const ids: number[] = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await repo.list({ limit: 100, ...(cursor ? { cursor: pageQuery.parse({ cursor }).cursor } : {}) });
      ids.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
    }
    expect(ids).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });
});
