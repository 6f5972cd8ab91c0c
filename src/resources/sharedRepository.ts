// Data access for rows every caller of a route may see (admin CRUD, public reads): by id, not by owner.
import type { Attributes, CreationAttributes, ModelStatic, WhereOptions } from 'sequelize';
import { findPage, type Page, type PageQuery } from '../http/pagination';
import type { OwnedRow } from './ownedRepository';

export interface SharedRepository<R extends OwnedRow> {
  list(page: PageQuery): Promise<Page<Attributes<R>>>;
  create(ownerId: number, values: Omit<CreationAttributes<R>, 'user_id'>): Promise<R>;
  find(id: number): Promise<R | null>;
  update(id: number, changes: Partial<Attributes<R>>): Promise<R | null>;
  remove(id: number): Promise<boolean>;
}

/** Only for routes whose guard already decided the caller may see every row (requireAdmin, public reads). */
export function sharedRepository<R extends OwnedRow>(model: ModelStatic<R>): SharedRepository<R> {
  const byId = (id: number) => ({ id }) as unknown as WhereOptions<Attributes<R>>;
  return {
    list: (page) => findPage(model, {}, page),
    // The creator is set last, so nothing in `values` can override it.
    create: (ownerId, values) => model.create({ ...values, user_id: ownerId } as unknown as CreationAttributes<R>),
    find: (id) => model.findOne({ where: byId(id) }),
    async update(id, changes) {
      const row = await model.findOne({ where: byId(id) });
      return row ? row.update(changes) : null;
    },
    async remove(id) {
      return (await model.destroy({ where: byId(id) })) > 0;
    },
  };
}
