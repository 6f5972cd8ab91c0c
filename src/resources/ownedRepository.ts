// Data access for owned rows: every function takes the owner id, so an unscoped query cannot be written by accident.
import type { Attributes, CreationAttributes, Model, ModelStatic, WhereOptions } from 'sequelize';
import type { z } from 'zod';
import { statementRunner } from '../db/statements';
import { findPage, isPlainPage, pageOf, type Page, type PageQuery } from '../http/pagination';
import { rowTable } from './rowTable';

export interface OwnedRow extends Model {
  id: number;
  user_id: number;
}

/** Rows come back as plain objects holding exactly the columns of the declared row schema. */
export interface OwnedRepository<R extends OwnedRow> {
  list(ownerId: number, page: PageQuery): Promise<Page<Attributes<R>>>;
  create(ownerId: number, values: Omit<CreationAttributes<R>, 'user_id'>): Promise<Attributes<R>>;
  find(ownerId: number, id: number): Promise<Attributes<R> | null>;
  /** `scope` narrows further (a nested resource's parent, e.g. `{ post_id: 3 }`): a row outside it is not found. */
  update(
    ownerId: number,
    id: number,
    changes: Partial<Attributes<R>>,
    scope?: Record<string, unknown>,
  ): Promise<Attributes<R> | null>;
  remove(ownerId: number, id: number, scope?: Record<string, unknown>): Promise<boolean>;
}

/**
 * `row` is the row schema the OpenAPI document declares (`storedRow(fields)`): its keys are the columns read
 * and returned. The list and create run as prepared statements, the two requests a client makes most.
 */
export function ownedRepository<R extends OwnedRow>(model: ModelStatic<R>, row: z.ZodObject): OwnedRepository<R> {
  const table = rowTable(model, row);
  const run = statementRunner(model.sequelize!);
  const attributes = table.columns;
  const owned = (ownerId: number, id: number, scope: Record<string, unknown> = {}) =>
    ({ ...scope, id, user_id: ownerId }) as unknown as WhereOptions<Attributes<R>>;
  const findOwned = (ownerId: number, id: number, scope?: Record<string, unknown>) =>
    model.findOne({ where: owned(ownerId, id, scope), attributes });
  return {
    async list(ownerId, page) {
      if (!isPlainPage(page)) return findPage(model, { user_id: ownerId }, page, attributes);
      const rows = await run<Attributes<R>>(table.ownedPage, [ownerId, page.cursor?.id ?? 0, page.limit + 1]);
      return pageOf(rows, page.limit);
    },
    // insertRow sets the owner over anything in `values`.
    async create(ownerId, values) {
      return await table.insertRow(ownerId, values);
    },
    async find(ownerId, id) {
      const found = await findOwned(ownerId, id);
      return found ? (found.get({ plain: true }) as Attributes<R>) : null;
    },
    async update(ownerId, id, changes, scope) {
      const found = await findOwned(ownerId, id, scope);
      return found ? ((await found.update(changes)).get({ plain: true }) as Attributes<R>) : null;
    },
    async remove(ownerId, id, scope) {
      return (await model.destroy({ where: owned(ownerId, id, scope) })) > 0;
    },
  };
}
