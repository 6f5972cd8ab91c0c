// Checklist: a list's query is strict: only its page, sort and declared filters are accepted, each checked, so a
// mistyped filter answers 422 instead of silently returning every row.
import { z } from 'zod';
import { isPlainPage, listQuery, queryBoolean, queryId, type PageQuery } from '../../src/http/pagination';

/** The messages of a refused query, by parameter. */
function refusal(schema: z.ZodType, query: Record<string, string>): Record<string, string[]> {
  const result = schema.safeParse(query);
  expect(result.success).toBe(false);
  const messages: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.')];
    for (const key of keys) (messages[key] ??= []).push(issue.message);
  }
  return messages;
}

describe('listQuery', () => {
  it('pages by id, 20 rows at a time, when the query says nothing', () => {
    expect(listQuery().parse({})).toEqual({ limit: 20, sort: 'id' });
  });

  it('sorts by id and the declared columns, either way, and names them when refusing another', () => {
    const schema = listQuery({ sort: ['created_at', 'id'] });
    for (const sort of ['id', '-id', 'created_at', '-created_at']) expect(schema.parse({ sort }).sort).toBe(sort);
    expect(refusal(schema, { sort: 'title' })).toEqual({
      sort: ['Sort must be one of id, -id, created_at, -created_at'],
    });
    expect(refusal(listQuery(), { sort: 'created_at' })).toEqual({ sort: ['Sort must be one of id, -id'] });
  });

  it('filters a declared column by equality, with its own schema', () => {
    const schema = listQuery({ equal: { done: queryBoolean() } });
    expect(schema.parse({ done: 'true' })).toMatchObject({ done: true });
    expect(schema.parse({ done: 'false' })).toMatchObject({ done: false });
    expect(schema.parse({})).not.toHaveProperty('done');
    expect(refusal(schema, { done: 'yes' })).toEqual({ done: ['Must be true or false'] });
  });

  it('bounds a range column with gt, gte, lt and lte, and with nothing else', () => {
    const schema = listQuery({ range: { due: z.coerce.number() } });
    expect(schema.parse({ 'due.gt': '1', 'due.gte': '2', 'due.lt': '3', 'due.lte': '4' })).toEqual({
      limit: 20,
      sort: 'id',
      'due.gt': 1,
      'due.gte': 2,
      'due.lt': 3,
      'due.lte': 4,
    });
    expect(Object.keys(refusal(schema, { due: '1', 'due.eq': '1', 'due.ne': '1' })).sort()).toEqual([
      'due',
      'due.eq',
      'due.ne',
    ]);
    expect(refusal(schema, { 'due.gte': 'soon' })).toHaveProperty(['due.gte']);
  });

  it('refuses a parameter it does not declare, naming it', () => {
    expect(Object.keys(refusal(listQuery({ equal: { done: queryBoolean() } }), { dnoe: 'true' }))).toEqual(['dnoe']);
  });
});

describe('queryId', () => {
  it('reads a row id from a query string', () => {
    expect(queryId().parse('1')).toBe(1);
    expect(queryId().parse('2147483647')).toBe(2_147_483_647);
  });

  it.each(['0', '-1', '1.5', '2147483648'])('refuses %s, which no row id is', (value) => {
    expect(queryId().safeParse(value).success).toBe(false);
  });

  it('says what it wants when the value is not a number', () => {
    expect(
      queryId()
        .safeParse('abc')
        .error?.issues.map((issue) => issue.message),
    ).toEqual(['Must be a positive integer']);
  });
});

describe('isPlainPage', () => {
  const page: PageQuery = { limit: 20 };

  it('is a page in id order with no filter, which a prepared statement serves', () => {
    expect(isPlainPage(page)).toBe(true);
    expect(isPlainPage({ ...page, sort: 'id', cursor: { id: 5 }, include: 'post' })).toBe(true);
    expect(isPlainPage({ ...page, done: undefined, 'due.gte': undefined })).toBe(true);
  });

  it.each<[string, PageQuery]>([
    ['a filter', { ...page, done: false }],
    ['a range bound', { ...page, 'due.gte': 0 }],
    ['another sort', { ...page, sort: '-id' }],
    ["another sort's cursor", { ...page, cursor: { id: 5, sort: 'created_at', value: 'x' } }],
  ])('is not one with %s', (_label, query) => {
    expect(isPlainPage(query)).toBe(false);
  });
});
