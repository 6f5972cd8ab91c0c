// Keyset pagination: ?limit=&cursor=, ordered by id, with an RFC 8288 `Link: <...>; rel="next"` header.
import type { Request, Response } from 'express';
import { Op, type Attributes, type Model, type ModelStatic, type WhereOptions } from 'sequelize';
import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** An opaque cursor: base64url of the last id a page returned. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ id: lastId })).toString('base64url');
}

const cursorSchema = z.string().transform((value, ctx) => {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    const id = (decoded as { id?: unknown } | null)?.id;
    if (Number.isSafeInteger(id) && (id as number) > 0) return id as number;
  } catch {
    // fall through to the validation issue below
  }
  ctx.addIssue({ code: 'custom', message: 'Invalid cursor' });
  return z.NEVER;
});

export const pageQuery = z.object({
  limit: z.coerce
    .number({ error: 'Limit must be a number' })
    .int({ error: 'Limit must be a whole number' })
    .min(1, { error: 'Limit must be at least 1' })
    .max(MAX_PAGE_SIZE, { error: `Limit must be at most ${MAX_PAGE_SIZE}` })
    .default(DEFAULT_PAGE_SIZE),
  cursor: cursorSchema.optional(),
});

export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<R> {
  rows: R[];
  /** The cursor of the next page, absent on the last one. */
  nextCursor?: string;
}

/** Makes a page of the `limit + 1` rows a keyset query read: the extra row only says that more remain. */
export function pageOf<R>(rows: R[], limit: number): Page<R> {
  const hasMore = rows.length > limit;
  if (hasMore) rows.pop();
  const last = rows[rows.length - 1] as { id?: unknown } | undefined;
  return hasMore && last ? { rows, nextCursor: encodeCursor(last.id as number) } : { rows };
}

/**
 * Reads one page of rows matching `where`, walking the (…, id) index in id order, as plain objects holding only
 * `attributes`: the columns of the declared response schema, so no other column is ever read.
 */
export async function findPage<R extends Model & { id: number }>(
  model: ModelStatic<R>,
  where: WhereOptions,
  page: PageQuery,
  attributes: string[],
): Promise<Page<Attributes<R>>> {
  const rows: Attributes<R>[] = await model.findAll({
    where: page.cursor === undefined ? where : { ...where, id: { [Op.gt]: page.cursor } },
    attributes,
    order: [['id', 'ASC']],
    limit: page.limit + 1,
    raw: true,
  });
  return pageOf(rows, page.limit);
}

/** Sends a page as a bare JSON array (the seed's shape) with the next page in a relative Link header. */
export function sendPage<R>(req: Request, res: Response, page: Page<R>, limit: number): void {
  if (page.nextCursor) {
    const query = new URLSearchParams({ limit: String(limit), cursor: page.nextCursor });
    res.set('Link', `<${req.baseUrl}${req.path === '/' ? '' : req.path}?${query.toString()}>; rel="next"`);
  }
  res.json(page.rows);
}
