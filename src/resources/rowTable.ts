// A resource's table as its declared row schema sees it: the columns read, and the statements of the hot paths.
import type { Model, ModelStatic } from 'sequelize';
import type { z } from 'zod';
import { quoteIdentifier, statement, statementRunner, type Statement } from '../db/statements';

/** Columns every stored row has (see `storedRow`); the rest of the declared row are the writable fields. */
const SYSTEM_COLUMNS = new Set(['id', 'user_id', 'created_at', 'updated_at']);
const TIMESTAMPS = ['created_at', 'updated_at'];

export interface RowTable {
  /** The declared row's keys: the only columns ever read, so an undeclared column cannot leak. */
  readonly columns: string[];
  /** $1 owner, $2 last id seen (0 for the first page), $3 page size + 1. */
  readonly ownedPage: Statement;
  /** $1 last id seen (0 for the first page), $2 page size + 1. */
  readonly page: Statement;
  /** $1 owner, then the writable fields in `fields` order; returns the declared columns. */
  readonly insert: Statement;
  readonly fields: string[];
  /** The insert's values: the owner, then each field's value, its model default, or null. */
  insertValues(ownerId: number, values: Record<string, unknown>): unknown[];
  /**
   * Inserts a row for `ownerId` and returns its declared columns: through the prepared insert, or through the
   * model when a field left out has a computed default (`now`, a random uuid) only the model can fill in.
   * The owner always wins over anything in `values`.
   */
  insertRow(ownerId: number, values: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** Refuses at start-up, naming the column, a row schema that declares a column the model does not have. */
export function rowTable(model: ModelStatic<Model>, row: z.ZodObject): RowTable {
  const attributes = model.getAttributes() as Record<string, { defaultValue?: unknown }>;
  const columns = Object.keys(row.shape);
  for (const column of [...columns, ...SYSTEM_COLUMNS]) {
    if (!attributes[column]) throw new TypeError(`${model.name} has no column "${column}" declared by its row schema`);
  }
  const table = model.getTableName();
  const from = quoteIdentifier(typeof table === 'string' ? table : table.tableName);
  const select = columns.map(quoteIdentifier).join(', ');
  const fields = columns.filter((column) => !SYSTEM_COLUMNS.has(column));
  const computed = (value: unknown) => typeof value === 'object' || typeof value === 'function';
  const defaults = fields.map((field) => {
    const value = attributes[field]?.defaultValue;
    // Only literal defaults here; a computed one sends the insert through the model (see insertRow).
    return value === undefined || computed(value) ? null : value;
  });
  const computedDefaults = fields.filter((field) => computed(attributes[field]?.defaultValue));
  const insertColumns = ['user_id', ...fields, ...TIMESTAMPS].map(quoteIdentifier).join(', ');
  const placeholders = ['$1', ...fields.map((_, i) => `$${i + 2}`), 'now()', 'now()'].join(', ');
  const insert = statement(`INSERT INTO ${from} (${insertColumns}) VALUES (${placeholders}) RETURNING ${select}`);
  const insertValues = (ownerId: number, values: Record<string, unknown>) => [
    ownerId,
    ...fields.map((field, i) => (values[field] === undefined ? defaults[i] : values[field])),
  ];
  const run = statementRunner(model.sequelize!);
  return {
    columns,
    fields,
    ownedPage: statement(`SELECT ${select} FROM ${from} WHERE "user_id" = $1 AND "id" > $2 ORDER BY "id" ASC LIMIT $3`),
    page: statement(`SELECT ${select} FROM ${from} WHERE "id" > $1 ORDER BY "id" ASC LIMIT $2`),
    insert,
    insertValues,
    async insertRow(ownerId, values) {
      if (computedDefaults.every((field) => values[field] !== undefined)) {
        const [created] = await run<Record<string, unknown>>(insert, insertValues(ownerId, values));
        return created ?? {};
      }
      const created = (await model.create({ ...values, user_id: ownerId })).get({ plain: true }) as Record<
        string,
        unknown
      >;
      return Object.fromEntries(columns.map((column) => [column, created[column]]));
    },
  };
}
