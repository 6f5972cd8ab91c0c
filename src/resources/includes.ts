// `?include=post`: embeds the parents a page of rows references, in one query per parent, scoped like references.ts.
import type { Model, ModelStatic } from 'sequelize';
import { z } from 'zod';
import { scope, type Caller, type ReferenceRule } from './references';

export interface Include {
  /** The name in `?include=` and the key of the embedded object, e.g. `post`. */
  name: string;
  /** The foreign key column, e.g. `post_id`. */
  field: string;
  parent: ModelStatic<Model>;
  /** The parent's public row schema (`storedRow(postFields)`): the only columns embedded. */
  row: z.ZodObject;
  rule: ReferenceRule;
  visibleWhen?: string;
}

/**
 * The `include` query parameter: a comma-separated list of `names`, each at most once; anything else answers 422
 * naming `include`.
 */
export function includeQuery(names: readonly string[]) {
  const one = names.join('|');
  return z
    .string()
    .regex(new RegExp(`^(${one})(,(${one}))*$`), {
      error: `Include must be a comma-separated list of ${names.join(', ')}`,
    })
    .transform((value) => [...new Set(value.split(','))])
    .meta({ description: `Embeds the referenced rows the caller may read (null otherwise): ${names.join(', ')}.` })
    .optional();
}

/**
 * Adds `row[name]` to every row for each requested include: the parent's public row when `caller` (undefined: an
 * anonymous reader) may read it, else null, the same answer as a missing parent. One query per include.
 */
export async function embed<R extends object>(
  includes: readonly Include[],
  requested: readonly string[] | undefined,
  caller: Caller | undefined,
  rows: R[],
): Promise<R[]> {
  if (!requested || rows.length === 0) return rows;
  await Promise.all(
    includes
      .filter((include) => requested.includes(include.name))
      .map(async (include) => {
        const ids = [
          ...new Set(
            rows
              .map((row) => (row as Record<string, unknown>)[include.field])
              .filter((id): id is number => typeof id === 'number'),
          ),
        ];
        const where = ids.length > 0 ? scope(include, caller, ids) : undefined;
        const parents =
          where === undefined
            ? []
            : ((await include.parent.findAll({
                where,
                attributes: Object.keys(include.row.shape),
                raw: true,
              })) as unknown as { id: number }[]);
        const byId = new Map(parents.map((parent) => [parent.id, parent]));
        for (const row of rows as Record<string, unknown>[]) {
          row[include.name] = byId.get(row[include.field] as number) ?? null;
        }
      }),
  );
  return rows;
}
