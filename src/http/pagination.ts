// Keyset pagination with filters and sorts: ?limit=&cursor=&sort=-created_at&done=true&due.gte=2026-01-01, an
// RFC 8288 `Link: <...>; rel="next"` header, and a cursor that carries the sort key and the id of the last row.
import type { Request, Response } from 'express';
import { Op, type Attributes, type Model, type ModelStatic, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import { ValidationError } from './errors';
import { sendRows } from './jsonBody';

export const DEFAULT_PAGE_SIZE = 20;
/** The extra column a sorted page reads for its cursor, removed before the rows are sent. */
const CURSOR_VALUE = '__cursor_value';
export const MAX_PAGE_SIZE = 100;

/** Where the last page stopped: its last row's id and, for a sort other than id, its sort value. */
export interface Cursor {
  id: number;
  sort?: string;
  value?: string | number;
}

/** An opaque cursor: base64url JSON of the last row's id (and sort key and value). */
export function encodeCursor(cursor: number | Cursor): string {
  return Buffer.from(JSON.stringify(typeof cursor === 'number' ? { id: cursor } : cursor)).toString('base64url');
}

const cursorSchema = z.string().transform((value, ctx): Cursor => {
  try {
    const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor> | null;
    const id = decoded?.id;
    const sort = decoded?.sort;
    const key = decoded?.value;
    const validKey = key === undefined || typeof key === 'string' || typeof key === 'number';
    if (
      Number.isSafeInteger(id) &&
      (id as number) > 0 &&
      (sort === undefined || typeof sort === 'string') &&
      validKey
    ) {
      return { id: id as number, ...(sort === undefined ? {} : { sort, value: key }) };
    }
  } catch {
    // fall through to the validation issue below
  }
  ctx.addIssue({ code: 'custom', message: 'Invalid cursor' });
  return z.NEVER;
});

const limitSchema = z.coerce
  .number({ error: 'Limit must be a number' })
  .int({ error: 'Limit must be a whole number' })
  .min(1, { error: 'Limit must be at least 1' })
  .max(MAX_PAGE_SIZE, { error: `Limit must be at most ${MAX_PAGE_SIZE}` })
  .default(DEFAULT_PAGE_SIZE);

export const pageQuery = z.object({ limit: limitSchema, cursor: cursorSchema.optional() });

/** A parsed list query: page, sort (`-` for descending) and filters (`column` or `column.op` keys). */
export interface PageQuery {
  limit: number;
  cursor?: Cursor;
  sort?: string;
  [filter: string]: unknown;
}

export const RANGE_OPERATORS = { gt: Op.gt, gte: Op.gte, lt: Op.lt, lte: Op.lte } as const;

/** `true` or `false` in a query string. */
export const queryBoolean = () =>
  z.enum(['true', 'false'], { error: 'Must be true or false' }).transform((v) => v === 'true');

/** A row id in a query string. */
export const queryId = () =>
  z.coerce.number({ error: 'Must be a positive integer' }).int().positive().max(2_147_483_647);

export interface ListQueryOptions {
  /** Columns a list may be sorted by: non-null and indexed. `id` is always one. */
  sort?: readonly string[];
  /** `?column=value` equality filters, with the schema of a value. */
  equal?: Record<string, z.ZodType>;
  /** `?column.gte=value` (gt, gte, lt, lte) range filters, with the schema of a value. */
  range?: Record<string, z.ZodType>;
}

/**
 * The strict query schema of a list: any parameter it does not declare answers 422, so a mistyped filter
 * never silently returns every row.
 */
export function listQuery({ sort = [], equal = {}, range = {} }: ListQueryOptions = {}) {
  const keys = ['id', ...sort.filter((key) => key !== 'id')];
  const sorts = keys.flatMap((key) => [key, `-${key}`]) as [string, ...string[]];
  const filters: Record<string, z.ZodOptional> = {};
  for (const [column, schema] of Object.entries(equal)) filters[column] = schema.optional();
  for (const [column, schema] of Object.entries(range)) {
    for (const op of Object.keys(RANGE_OPERATORS)) filters[`${column}.${op}`] = schema.optional();
  }
  const page = z.strictObject({
    limit: limitSchema,
    cursor: cursorSchema.optional(),
    sort: z.enum(sorts, { error: `Sort must be one of ${sorts.join(', ')}` }).default('id'),
  });
  // Filter keys are only known at run time; handlers read them through PageQuery's index signature.
  return page.extend(filters) as unknown as typeof page;
}

export interface Page<R> {
  rows: R[];
  /** The cursor of the next page, absent on the last one. */
  nextCursor?: string;
}

/** Makes a page of the `limit + 1` rows an id-ordered keyset query read: the extra row only says that more remain. */
export function pageOf<R>(
  rows: R[],
  limit: number,
  cursorOf: (last: R) => string = (last) => encodeCursor((last as { id: number }).id),
): Page<R> {
  const hasMore = rows.length > limit;
  if (hasMore) rows.pop();
  const last = rows[rows.length - 1];
  return hasMore && last ? { rows, nextCursor: cursorOf(last) } : { rows };
}

/** The list parameters that are not column filters: `include` embeds referenced rows (src/resources/includes.ts). */
const NOT_FILTERS = new Set(['limit', 'cursor', 'sort', 'include']);

/** A list query in the default order (id ascending) with no filter: the one a prepared statement serves. */
export function isPlainPage(query: PageQuery): boolean {
  if ((query.sort ?? 'id') !== 'id' || (query.cursor?.sort ?? 'id') !== 'id') return false;
  return Object.entries(query).every(([key, value]) => NOT_FILTERS.has(key) || value === undefined);
}

/** The `where` of a query's filters: `column` is equality, `column.op` a range bound. */
function filtersOf(query: PageQuery): Record<string, unknown> {
  const where: Record<string, Record<symbol, unknown>> = {};
  for (const [key, value] of Object.entries(query)) {
    if (NOT_FILTERS.has(key) || value === undefined) continue;
    const [column = key, op] = key.split('.');
    const operator = op === undefined ? Op.eq : RANGE_OPERATORS[op as keyof typeof RANGE_OPERATORS];
    where[column] = { ...where[column], [operator]: value };
  }
  return where;
}

function sortOf(query: PageQuery): { column: string; descending: boolean } {
  const sort = query.sort ?? 'id';
  return sort.startsWith('-') ? { column: sort.slice(1), descending: true } : { column: sort, descending: false };
}

function invalidCursor(): ValidationError {
  return new ValidationError([{ loc: ['query', 'cursor'], msg: 'Invalid cursor', type: 'custom' }]);
}

/** The rows after the cursor in (sort column, id) order: a row comparison PostgreSQL answers from the index. */
function afterCursor(model: ModelStatic<Model>, query: PageQuery): WhereOptions | undefined {
  const { cursor } = query;
  if (cursor === undefined) return undefined;
  const { column, descending } = sortOf(query);
  const op = descending ? Op.lt : Op.gt;
  if (column === 'id') {
    if (cursor.sort !== undefined && cursor.sort !== query.sort) throw invalidCursor();
    return { id: { [op]: cursor.id } };
  }
  if (cursor.sort !== query.sort || cursor.value === undefined) throw invalidCursor();
  const sequelize = model.sequelize;
  if (!sequelize) throw new Error(`model ${model.name} is not initialised`);
  const quote = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);
  return sequelize.literal(
    `(${quote(column)}, ${quote('id')}) ${descending ? '<' : '>'} (${sequelize.escape(cursor.value)}, ${cursor.id})`,
  );
}

/**
 * Reads one page of rows matching `where` and the query's filters, walking the (…, sort column, id) index, as
 * plain objects holding only `attributes`: the columns of the declared response schema, so no other column is read.
 */
export async function findPage<R extends Model & { id: number }>(
  model: ModelStatic<R>,
  where: WhereOptions,
  query: PageQuery,
  attributes: string[],
): Promise<Page<Attributes<R>>> {
  const { column, descending } = sortOf(query);
  const after = afterCursor(model, query);
  const conditions = { ...filtersOf(query), ...(where as Record<string, unknown>) };
  const direction = descending ? 'DESC' : 'ASC';
  const sequelize = model.sequelize;
  if (!sequelize) throw new Error(`model ${model.name} is not initialised`);
  // The sort value as PostgreSQL writes it, for the cursor: a Date would drop a timestamp's microseconds.
  const sortValue: [ReturnType<typeof sequelize.literal>, string] = [
    sequelize.literal(`${sequelize.getQueryInterface().quoteIdentifier(column)}::text`),
    CURSOR_VALUE,
  ];
  const rows: Attributes<R>[] = await model.findAll({
    where: (after === undefined ? conditions : { [Op.and]: [conditions, after] }) as WhereOptions<Attributes<R>>,
    order:
      column === 'id'
        ? [['id', direction]]
        : [
            [column, direction],
            ['id', direction],
          ],
    attributes: column === 'id' ? attributes : [...attributes, sortValue],
    limit: query.limit + 1,
    raw: true,
  });
  const sort = query.sort ?? 'id';
  const page = pageOf(rows, query.limit, (last) => {
    const { id, [CURSOR_VALUE]: value } = last as unknown as { id: number; [CURSOR_VALUE]?: string };
    if (column !== 'id') return encodeCursor({ id, sort, value });
    return sort === 'id' ? encodeCursor(id) : encodeCursor({ id, sort, value: id });
  });
  for (const row of page.rows as unknown as Partial<Record<typeof CURSOR_VALUE, string>>[]) delete row[CURSOR_VALUE];
  return page;
}

/**
 * Sends a page as a bare JSON array (the seed's shape) with the next page in a relative Link header that keeps
 * the request's sort and filters.
 */
export function sendPage<R>(req: Request, res: Response, page: Page<R>, limit: number): void {
  if (page.nextCursor) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(req.query)) {
      if (key !== 'limit' && key !== 'cursor' && typeof value === 'string') query.set(key, value);
    }
    query.set('limit', String(limit));
    query.set('cursor', page.nextCursor);
    res.set('Link', `<${req.baseUrl}${req.path === '/' ? '' : req.path}?${query.toString()}>; rel="next"`);
  }
  sendRows(res, 200, page.rows);
}
