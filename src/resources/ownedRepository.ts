// Data access for owned rows: every function takes the owner id, so an unscoped query cannot be written by accident.
import type { Attributes, CreationAttributes, Model, ModelStatic, WhereOptions } from 'sequelize';
import { findPage, type Page, type PageQuery } from '../http/pagination';

export interface OwnedRow extends Model {
  id: number;
  user_id: number;
}

export interface OwnedRepository<R extends OwnedRow> {
  list(ownerId: number, page: PageQuery): Promise<Page<Attributes<R>>>;
  create(ownerId: number, values: Omit<CreationAttributes<R>, 'user_id'>): Promise<R>;
  find(ownerId: number, id: number): Promise<R | null>;
  update(ownerId: number, id: number, changes: Partial<Attributes<R>>): Promise<R | null>;
  remove(ownerId: number, id: number): Promise<boolean>;
}

export function ownedRepository<R extends OwnedRow>(model: ModelStatic<R>): OwnedRepository<R> {
  const owned = (ownerId: number, id?: number) =>
    (id === undefined ? { user_id: ownerId } : { id, user_id: ownerId }) as unknown as WhereOptions<Attributes<R>>;
  return {
    list: (ownerId, page) => findPage(model, owned(ownerId), page),
    // The owner is set last, so nothing in `values` can override it.
    create: (ownerId, values) => model.create({ ...values, user_id: ownerId } as unknown as CreationAttributes<R>),
    find: (ownerId, id) => model.findOne({ where: owned(ownerId, id) }),
    async update(ownerId, id, changes) {
      const row = await model.findOne({ where: owned(ownerId, id) });
      return row ? row.update(changes) : null;
    },
    async remove(ownerId, id) {
      return (await model.destroy({ where: owned(ownerId, id) })) > 0;
    },
  };
}
