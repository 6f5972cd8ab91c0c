// Ownership through a reference: a row may only point at a parent its caller may see, else 422 naming the field.
import { Op, type WhereOptions } from 'sequelize';
import { ValidationError, type ValidationIssue } from '../http/errors';

/**
 * Who may point at a parent: `owner` its owner only; `visible` anyone when it is public, or, with `visibleWhen`,
 * when that boolean column is true or the caller owns it; `exists` anyone; `admin` admins only.
 */
export type ReferenceRule = 'owner' | 'visible' | 'exists' | 'admin';

export interface Reference {
  /** The column and body field, e.g. `post_id`. */
  field: string;
  /** The parent's model, e.g. the posts model. */
  parent: { count(options: { where: WhereOptions }): Promise<number> };
  rule: ReferenceRule;
  /** The public-read parent's boolean column that makes a row visible to everyone. */
  visibleWhen?: string;
  /** The parent's name in messages, e.g. `post`. */
  label: string;
}

export interface Caller {
  id: number;
  role: string;
}

/**
 * The parent rows `caller` (undefined: an anonymous reader) may use among `id` (one, or a list read as IN);
 * undefined when none.
 */
export function scope(
  reference: Pick<Reference, 'rule' | 'visibleWhen'>,
  caller: Caller | undefined,
  id: number | number[],
): WhereOptions | undefined {
  switch (reference.rule) {
    case 'owner':
      return caller === undefined ? undefined : { id, user_id: caller.id };
    case 'admin':
      return caller?.role === 'admin' ? { id } : undefined;
    case 'visible':
      if (!reference.visibleWhen) return { id };
      return caller === undefined
        ? { id, [reference.visibleWhen]: true }
        : { id, [Op.or]: [{ [reference.visibleWhen]: true }, { user_id: caller.id }] };
    default:
      return { id };
  }
}

/**
 * Whether `caller` (undefined: an anonymous reader) may use the parent row `id`: the rule checkReferences applies,
 * and the one a nested route applies to the parent in its path.
 */
export async function mayUse(reference: Reference, caller: Caller | undefined, id: number): Promise<boolean> {
  const where = scope(reference, caller, id);
  return where !== undefined && (await reference.parent.count({ where })) > 0;
}

/**
 * Checks every reference in `values` that is set; a missing parent and one the caller may not see get the same
 * answer, so the 422 reveals nothing about other users' rows.
 */
export async function checkReferences(
  references: readonly Reference[],
  caller: Caller,
  values: Record<string, unknown>,
): Promise<void> {
  const issues: ValidationIssue[] = [];
  await Promise.all(
    references.map(async (reference) => {
      const id = values[reference.field];
      if (typeof id !== 'number') return;
      if (!(await mayUse(reference, caller, id))) {
        issues.push({ loc: ['body', reference.field], msg: `No such ${reference.label}`, type: 'reference' });
      }
    }),
  );
  if (issues.length > 0)
    throw new ValidationError(issues.sort((a, b) => String(a.loc[1]).localeCompare(String(b.loc[1]))));
}
