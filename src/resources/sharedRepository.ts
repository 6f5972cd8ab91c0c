// Data access for rows every caller of a route may see (admin CRUD, public reads): by id, not by owner.
import type { Attributes, CreationAttributes, ModelStatic, WhereOptions } from 'sequelize';
import type { z } from 'zod';
import { statementRunner } from '../db/statements';
import { findPage, isPlainPage, pageOf, type Page, type PageQuery } from '../http/pagination';
import type { OwnedRow } from './ownedRepository';
import { rowTable } from './rowTable';

/** Rows come back as plain objects holding exactly the columns of the declared row schema. */
export interface SharedRepository<R extends OwnedRow> {
  /** Every row, or those within `scope` (a nested resource's parent, e.g. `{ post_id: 3 }`). */
  list(page: PageQuery, scope?: Record<string, unknown>): Promise<Page<Attributes<R>>>;
  create(ownerId: number, values: Omit<CreationAttributes<R>, 'user_id'>): Promise<Attributes<R>>;
  find(id: number, scope?: Record<string, unknown>): Promise<Attributes<R> | null>;
  update(id: number, changes: Partial<Attributes<R>>): Promise<Attributes<R> | null>;
  remove(id: number): Promise<boolean>;
}

/** Only for routes whose guard already decided the caller may see every row (requireAdmin, public reads). */
export function sharedRepository<R extends OwnedRow>(model: ModelStatic<R>, row: z.ZodObject): SharedRepository<R> {
  const table = rowTable(model, row);
  const run = statementRunner(model.sequelize!);
  const attributes = table.columns;
  const byId = (id: number, scope: Record<string, unknown> = {}) =>
    ({ ...scope, id }) as unknown as WhereOptions<Attributes<R>>;
  const findById = (id: number) => model.findOne({ where: byId(id), attributes });
  return {
    async list(page, scope = {}) {
      if (Object.keys(scope).length > 0 || !isPlainPage(page)) return findPage(model, scope, page, attributes);
      return pageOf(await run<Attributes<R>>(table.page, [page.cursor?.id ?? 0, page.limit + 1]), page.limit);
    },
    // insertRow sets the creator over anything in `values`.
    async create(ownerId, values) {
      return await table.insertRow(ownerId, values);
    },
    async find(id, scope = {}) {
      const found = await model.findOne({ where: byId(id, scope), attributes });
      return found ? (found.get({ plain: true }) as Attributes<R>) : null;
    },
    async update(id, changes) {
      const found = await findById(id);
      return found ? ((await found.update(changes)).get({ plain: true }) as Attributes<R>) : null;
    },
    async remove(id) {
      return (await model.destroy({ where: byId(id) })) > 0;
    },
  };
}
