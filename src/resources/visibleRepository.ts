// Reads of a public-read resource whose rows stay private to their owner until a boolean column is true (drafts).
import { Op, type Attributes, type ModelStatic, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import { findPage, type Page, type PageQuery } from '../http/pagination';
import type { OwnedRow } from './ownedRepository';
import { rowTable } from './rowTable';

/** Rows come back as plain objects holding exactly the columns of the declared row schema. */
export interface VisibleRepository<R extends OwnedRow> {
  /** The rows `viewerId` (undefined: an anonymous caller) may see, within `scope` (e.g. `{ post_id: 3 }`). */
  list(viewerId: number | undefined, page: PageQuery, scope?: Record<string, unknown>): Promise<Page<Attributes<R>>>;
  /** The row, or null when it is missing or hidden from `viewerId`: the two look the same to the caller. */
  find(viewerId: number | undefined, id: number, scope?: Record<string, unknown>): Promise<Attributes<R> | null>;
}

/**
 * Who sees a row: everyone once `column` is true, its owner always. Under a symbol key, so a `?column=` filter of
 * the same name narrows the rows further instead of replacing the rule.
 */
export function visibleTo(column: string, viewerId: number | undefined): WhereOptions {
  const shown = { [column]: true };
  return { [Op.and]: [viewerId === undefined ? shown : { [Op.or]: [shown, { user_id: viewerId }] }] };
}

/** `column` must be a required boolean of the model (the generator's `--visible-when` checks it). */
export function visibleRepository<R extends OwnedRow>(
  model: ModelStatic<R>,
  row: z.ZodObject,
  column: string,
): VisibleRepository<R> {
  const attributes = rowTable(model, row).columns;
  if (!model.getAttributes()[column as keyof Attributes<R>]) {
    throw new TypeError(`${model.name} has no column "${column}" to decide who sees a row`);
  }
  const where = (viewerId: number | undefined, scope: Record<string, unknown>) => ({
    ...scope,
    ...(visibleTo(column, viewerId) as Record<symbol, unknown>),
  });
  return {
    async list(viewerId, page, scope = {}) {
      return await findPage(model, where(viewerId, scope), page, attributes);
    },
    async find(viewerId, id, scope = {}) {
      const found = await model.findOne({
        where: { ...where(viewerId, scope), id } as unknown as WhereOptions<Attributes<R>>,
        attributes,
      });
      return found ? (found.get({ plain: true }) as Attributes<R>) : null;
    },
  };
}
