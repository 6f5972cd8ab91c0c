// Checklist: the field list parser and the type table (Sequelize, PostgreSQL, TypeScript, zod, OpenAPI agree).
import { runInNewContext } from 'node:vm';
import type { ZodType } from 'zod';
import { formatFields, parseFields } from '../../generators/fieldSpec';
import { fieldType, FIELD_TYPE_NAMES, type Field } from '../../generators/fieldTypes';
import { GeneratorError } from '../../generators/generatorError';

function problemsOf(spec: string): string[] {
  try {
    parseFields(spec);
  } catch (err) {
    if (err instanceof GeneratorError) return err.problems;
    throw err;
  }
  throw new Error(`"${spec}" was accepted`);
}

describe('field list', () => {
  it('parses names, types, lengths, optional markers, defaults and enum values', () => {
    expect(
      parseFields('url:string title:string(200)? starred:boolean=false visits:integer=0 kind:enum(link|video)'),
    ).toEqual([
      { name: 'url', type: 'string', optional: false },
      { name: 'title', type: 'string', length: 200, optional: true },
      { name: 'starred', type: 'boolean', optional: false, defaultValue: false },
      { name: 'visits', type: 'integer', optional: false, defaultValue: 0 },
      { name: 'kind', type: 'enum', values: ['link', 'video'], optional: false },
    ]);
  });

  it('takes string lengths from 1 to 10485760 and refuses any other length', () => {
    expect(parseFields('a:string(1) b:string(10485760)').map((field) => field.length)).toEqual([1, 10_485_760]);
    for (const length of ['0', '10485761', '12a', 'a12', '-5', '1e3', '0x10']) {
      expect(problemsOf(`a:string(${length})`)).toEqual([`"a:string(${length})": length must be 1..10485760`]);
    }
  });

  it('refuses an enum without values, or with any value outside letters, digits, - and _', () => {
    const problem = (token: string) =>
      `"${token}": enum needs values of letters, digits, - or _, e.g. enum(link|video)`;
    for (const token of ['kind:enum', 'kind:enum()', 'kind:enum(link|vi.deo)', 'kind:enum(a||b)']) {
      expect(problemsOf(token)).toEqual([problem(token)]);
    }
  });

  it('checks duplicates only on tokens that start with a valid name', () => {
    expect(problemsOf('a:string 1a:string')).toHaveLength(1);
  });

  it('names the known types when a type is unknown', () => {
    expect(problemsOf('x:foo')).toEqual([`"x:foo": unknown type "foo" (types: ${FIELD_TYPE_NAMES.join(', ')})`]);
  });

  it('splits on any run of whitespace, leading and trailing included', () => {
    expect(parseFields('  a:string \t\n  b:text  ').map((field) => field.name)).toEqual(['a', 'b']);
  });

  it('turns camelCase names into snake_case columns and JSON keys', () => {
    expect(parseFields('publishedAt:datetime?')).toEqual([{ name: 'published_at', type: 'datetime', optional: true }]);
  });

  it('formats a list back to a spec that parses to the same fields', () => {
    const fields = parseFields('a:string(20)? b:text c:number=1.5 d:enum(x|y)=y e:date? f:uuid g:boolean=true');
    expect(parseFields(formatFields(fields))).toEqual(fields);
  });

  it.each([
    ['kind:strin', 'unknown type "strin"'],
    ['title:string title:text', 'duplicate field "title"'],
    ['publishedAt:date published_at:date', 'duplicate field "published_at"'],
    ['id:integer', '"id" is reserved'],
    ['user_id:integer', '"user_id" is reserved'],
    ['createdAt:datetime', '"created_at" is reserved'],
    ['updated_at:datetime', '"updated_at" is reserved'],
    ['select:string', 'SQL reserved word'],
    ['1st:string', 'is not a field'],
    ['title', 'is not a field'],
    ['n:integer=1.5', 'not a 32-bit integer'],
    ['n:boolean=yes', 'not true or false'],
    ['k:enum(a|b)=c', 'not one of a, b'],
    ['k:enum(a|a)', 'must be distinct'],
    ['k:enum', 'enum needs values'],
    ['d:date=2026-01-01', 'cannot have a default'],
    ['n:integer(5)', 'takes no (...) argument'],
    ['s:string(0)', 'length must be'],
    ['', 'at least one field'],
  ])('refuses %p', (spec, message) => {
    expect(problemsOf(spec).join('\n')).toContain(message);
  });

  it('reports every problem at once', () => {
    expect(problemsOf('id:integer a:strin select:string')).toHaveLength(3);
  });
});

describe('type table', () => {
  const sample: Record<string, Field> = {
    string: { name: 'f', type: 'string', length: 80, optional: false },
    text: { name: 'f', type: 'text', optional: true },
    integer: { name: 'f', type: 'integer', optional: false },
    number: { name: 'f', type: 'number', optional: false },
    boolean: { name: 'f', type: 'boolean', optional: false, defaultValue: false },
    date: { name: 'f', type: 'date', optional: false },
    datetime: { name: 'f', type: 'datetime', optional: false },
    uuid: { name: 'f', type: 'uuid', optional: false },
    enum: { name: 'f', type: 'enum', values: ['link', 'video'], optional: false },
  };

  it('covers every type', () => {
    expect(Object.keys(sample).sort()).toEqual([...FIELD_TYPE_NAMES].sort());
  });

  it.each(FIELD_TYPE_NAMES)('maps %s consistently', (type) => {
    const field = sample[type] as Field;
    const kind = fieldType(field);
    expect({
      sequelize: kind.sequelize(field),
      postgres: kind.postgres(field),
      typescript: kind.typescript(field),
      zod: kind.zod(field),
      openApi: kind.openApi(field),
    }).toEqual(
      {
        string: {
          sequelize: 'DataTypes.STRING(80)',
          postgres: 'varchar(80)',
          typescript: 'string',
          zod: 'z.string().trim().min(1).max(80)',
          openApi: { type: 'string', minLength: 1, maxLength: 80 },
        },
        text: {
          sequelize: 'DataTypes.TEXT',
          postgres: 'text',
          typescript: 'string',
          zod: 'z.string()',
          openApi: { type: 'string' },
        },
        integer: {
          sequelize: 'DataTypes.INTEGER',
          postgres: 'integer',
          typescript: 'number',
          zod: 'z.number().int().min(-2147483648).max(2147483647)',
          openApi: { type: 'integer', format: 'int32' },
        },
        number: {
          sequelize: 'DataTypes.DOUBLE',
          postgres: 'double precision',
          typescript: 'number',
          zod: 'z.number()',
          openApi: { type: 'number', format: 'double' },
        },
        boolean: {
          sequelize: 'DataTypes.BOOLEAN',
          postgres: 'boolean',
          typescript: 'boolean',
          zod: 'z.boolean()',
          openApi: { type: 'boolean' },
        },
        date: {
          sequelize: 'DataTypes.DATEONLY',
          postgres: 'date',
          typescript: 'string',
          zod: 'z.iso.date()',
          openApi: { type: 'string', format: 'date' },
        },
        datetime: {
          sequelize: 'DataTypes.DATE',
          postgres: 'timestamp with time zone',
          typescript: 'Date',
          zod: 'z.iso.datetime({ offset: true }).transform((value) => new Date(value))',
          openApi: { type: 'string', format: 'date-time' },
        },
        uuid: {
          sequelize: 'DataTypes.UUID',
          postgres: 'uuid',
          typescript: 'string',
          zod: 'z.uuid()',
          openApi: { type: 'string', format: 'uuid' },
        },
        enum: {
          sequelize: 'DataTypes.STRING(5)',
          postgres: 'varchar(5)',
          typescript: "'link' | 'video'",
          zod: "z.enum(['link', 'video'])",
          openApi: { type: 'string', enum: ['link', 'video'] },
        },
      }[type],
    );
  });

  it('gives each type a sample the zod schema accepts and invalid values it refuses', async () => {
    const { z } = await import('zod');
    const evaluate = (source: string, context: object = {}): unknown => runInNewContext(`(${source})`, context);
    for (const type of FIELD_TYPE_NAMES) {
      const field = sample[type] as Field;
      const kind = fieldType(field);
      // The generated code is what runs, so the check evaluates the same source text.
      const schema = evaluate(kind.zod(field), { z }) as ZodType;
      expect(schema.safeParse(kind.sample(field)).success).toBe(true);
      for (const invalid of kind.invalid(field)) {
        expect({ type, invalid, ok: schema.safeParse(evaluate(invalid)).success }).toEqual({
          type,
          invalid,
          ok: false,
        });
      }
    }
  });
});
