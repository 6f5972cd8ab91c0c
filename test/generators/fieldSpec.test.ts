// Checklist: the field list parser and the type table (Sequelize, PostgreSQL, TypeScript, zod, OpenAPI agree).
import { runInNewContext } from 'node:vm';
import type { ZodType } from 'zod';
import { formatFields, parseFields } from '../../generators/fieldSpec';
import { fieldType, FIELD_TYPE_NAMES, type Field } from '../../generators/fieldTypes';
import { GeneratorError } from '../../generators/generatorError';
import { MODEL_MEMBERS } from '../../generators/reservedWords';
import { toJsonSchema } from '../../src/openapi/jsonSchema';
import * as fieldSchemas from '../../src/resources/fieldSchemas';
import { Model } from 'sequelize';

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

  it('takes json sizes up to 1 MiB only', () => {
    expect(parseFields('j:json(1048576)').map((field) => field.length)).toEqual([1_048_576]);
    expect(problemsOf('j:json(1048577)')).toEqual(['"j:json(1048577)": length must be 1..1048576']);
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

  it('reports a duplicate even when the rest of the token is wrong, by the column the name makes', () => {
    const unknownType = (token: string, type: string) =>
      `"${token}": unknown type "${type}" (types: ${FIELD_TYPE_NAMES.join(', ')})`;
    expect(problemsOf('title:string title:strin')).toEqual([
      unknownType('title:strin', 'strin'),
      '"title:strin": duplicate field "title"',
    ]);
    expect(problemsOf('publishedAt:date publishedAt:dat')).toEqual([
      unknownType('publishedAt:dat', 'dat'),
      '"publishedAt:dat": duplicate field "published_at"',
    ]);
    // A token that is not a field at all is still checked by the name and type it starts with.
    expect(problemsOf('owner:references owner:references!')).toEqual([
      expect.stringMatching(/^"owner:references!" is not a field: /),
      '"owner:references!": duplicate field "owner_id"',
    ]);
  });

  it('suggests naming a reference to users for its role, and only that reference', () => {
    expect(problemsOf('user:references')).toEqual([
      '"user:references": "user_id" is reserved (every resource has it); name the field for its role, e.g. assignee:references(user)',
    ]);
    const long = 'a'.repeat(61);
    expect(problemsOf(`${long}:references`)).toEqual([
      `"${long}:references": "${long}_id" is longer than PostgreSQL's 63-byte identifier limit`,
    ]);
    expect(problemsOf('user_id:integer')).toEqual(['"user_id:integer": "user_id" is reserved (every resource has it)']);
  });

  it('formats a reference by its name and an _id column that is not a reference as it is', () => {
    expect(formatFields(parseFields('blogPost:references t_id:integer valid_idea:references'))).toBe(
      'blog_post:references{restrict} t_id:integer valid_idea:references{restrict}',
    );
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
    const fields = parseFields(
      'a:string(20)? b:text c:number=1.5 d:enum(x|y)=y e:date? f:uuid g:boolean=true h:decimal(12,3) i:bigint:unique ' +
        'j:json(2048)? k:string(320){email}:unique l:string{url}? m:integer{1..5}=3 n:number{0..}:index o:datetime=now ' +
        'p:uuid=random q:references{cascade} r:references{set-null}? owner:references(user) s:references(blog-post) ' +
        'u:integer{..9}',
    );
    expect(parseFields(formatFields(fields))).toEqual(fields);
  });

  it('takes decimal precision from 1 to 38 and a scale below it', () => {
    expect(parseFields('a:decimal(1,0) b:decimal(38,37) c:decimal(12,3)').map((f) => [f.precision, f.scale])).toEqual([
      [1, 0],
      [38, 37],
      [12, 3],
    ]);
    for (const argument of ['0,0', '39,2', '5,5', '5,-1', '5', ',2', '5,2x', 'x5,2', '5;2', '5,,2']) {
      expect(problemsOf(`d:decimal(${argument})`)).toEqual([
        `"d:decimal(${argument})": decimal needs (precision,scale) with 1 <= precision <= 38 and 0 <= scale < precision`,
      ]);
    }
  });

  it('takes bounds {min..max}, {min..} or {..max}, equal bounds included, and refuses the rest', () => {
    expect(parseFields('a:integer{5..5} b:integer{-3..} c:number{..2.5} d:number{0.5..1.5}')).toEqual([
      { name: 'a', type: 'integer', min: 5, max: 5, optional: false },
      { name: 'b', type: 'integer', min: -3, optional: false },
      { name: 'c', type: 'number', max: 2.5, optional: false },
      { name: 'd', type: 'number', min: 0.5, max: 1.5, optional: false },
    ]);
    const bounds = (token: string) =>
      `"${token}": bounds are written {min..max}, {min..} or {..max}, e.g. rating:integer{1..5}`;
    for (const token of ['n:integer{..}', 'n:integer{6..5}', 'n:number{1..x}', 'n:number{1.2}']) {
      expect(problemsOf(token)).toEqual([bounds(token)]);
    }
    expect(problemsOf('n:integer{..2.5}')).toEqual(['"n:integer{..2.5}": integer bounds must be whole numbers']);
  });

  it('reads "now" and "random" as generated only for datetime and uuid fields', () => {
    expect(parseFields('a:string=now b:string=random c:datetime=now d:uuid=random')).toEqual([
      { name: 'a', type: 'string', optional: false, defaultValue: 'now' },
      { name: 'b', type: 'string', optional: false, defaultValue: 'random' },
      { name: 'c', type: 'datetime', optional: false, generated: 'now' },
      { name: 'd', type: 'uuid', optional: false, generated: 'random' },
    ]);
  });

  it('lets a :unique field be generated, and refuses one with a fixed default', () => {
    expect(parseFields('ref:uuid:unique=random')).toEqual([
      { name: 'ref', type: 'uuid', optional: false, unique: true, generated: 'random' },
    ]);
    expect(problemsOf('s:string:unique=x')).toEqual([
      '"s:string:unique=x": a :unique field cannot have a default (every row would share it)',
    ]);
  });

  it('names each refused option and argument exactly', () => {
    expect(problemsOf('n:integer(5)')).toEqual(['"n:integer(5)": integer takes no (...) argument']);
    expect(problemsOf('b:boolean{x}')).toEqual(['"b:boolean{x}": boolean takes no {...} options']);
    expect(problemsOf('e:string{phone}')).toEqual(['"e:string{phone}": a string format is {email} or {url}']);
    expect(problemsOf('p:references{sideways}')).toEqual([
      '"p:references{sideways}": on delete is one of {restrict}, {cascade}, {set-null}',
    ]);
    expect(problemsOf('p:references{set-null}')).toEqual([
      '"p:references{set-null}": {set-null} needs an optional reference (p:references{set-null}?)',
    ]);
    expect(problemsOf('p:references(9lives)')).toEqual(['"p:references(9lives)": (9lives) is not a resource name']);
    expect(problemsOf('f:boolean:unique')).toEqual(['"f:boolean:unique": a boolean field cannot be :unique']);
    expect(problemsOf('k:enum(a|a)')).toEqual(['"k:enum(a|a)": enum values must be distinct']);
  });

  it('takes the optional marker before or after the options, and both modifiers', () => {
    expect(parseFields('a:string?{email} b:string{url}? c:integer:unique:index')).toEqual([
      { name: 'a', type: 'string', format: 'email', optional: true },
      { name: 'b', type: 'string', format: 'url', optional: true },
      { name: 'c', type: 'integer', unique: true, index: true, optional: false },
    ]);
  });

  it('reads references, bounds, formats and modifiers', () => {
    expect(parseFields('blogPost:references{cascade}? rating:integer{1..5}:index email:string{email}:unique')).toEqual([
      { name: 'blog_post_id', type: 'references', target: 'blog-post', onDelete: 'cascade', optional: true },
      { name: 'rating', type: 'integer', min: 1, max: 5, index: true, optional: false },
      { name: 'email', type: 'string', format: 'email', unique: true, optional: false },
    ]);
  });

  it.each(['order', 'group', 'from', 'to', 'select'])('accepts the SQL key word %s as a field name', (name) => {
    expect(parseFields(`${name}:string`)).toEqual([{ name, type: 'string', optional: false }]);
  });

  it.each([
    ['kind:strin', 'unknown type "strin"'],
    ['title:string title:text', 'duplicate field "title"'],
    ['publishedAt:date published_at:date', 'duplicate field "published_at"'],
    ['id:integer', '"id" is reserved'],
    ['user_id:integer', '"user_id" is reserved'],
    ['createdAt:datetime', '"created_at" is reserved'],
    ['updated_at:datetime', '"updated_at" is reserved'],
    ['save:string', 'shadow the Sequelize model member'],
    ['limit:integer', 'query parameter'],
    ['sort:string', 'query parameter'],
    ['t:string(5)=abcdefgh', 'longer than 5'],
    ['t:string=', 'empty default'],
    ['t:text=', 'empty default'],
    ['n:integer{1..5}=9', 'outside 1..5'],
    ['n:integer{5..1}', 'bounds are written'],
    ['n:integer{1.5..3}', 'whole numbers'],
    ['e:string{email}=nope', 'not an email'],
    ['e:string{phone}', '{email} or {url}'],
    ['d:decimal(2,3)', 'decimal needs'],
    ['d:decimal(4,2)=123.4', 'not a decimal(4,2)'],
    ['b:bigint=9223372036854775808', 'not a 64-bit integer'],
    ['p:references{set-null}', 'needs an optional reference'],
    ['p:references{sideways}', 'on delete is one of'],
    ['f:boolean:unique', 'cannot be :unique'],
    ['s:string:unique=x', 'cannot have a default'],
    ['o:datetime=yesterday', 'can only be "now"'],
    ['u:uuid=zero', 'can only be "random"'],
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
    expect(problemsOf('id:integer a:strin save:string')).toHaveLength(3);
  });
});

describe('type table', () => {
  const sample: Record<string, Field> = {
    string: { name: 'f', type: 'string', length: 80, optional: false },
    text: { name: 'f', type: 'text', optional: true },
    integer: { name: 'f', type: 'integer', optional: false, min: 1, max: 5 },
    bigint: { name: 'f', type: 'bigint', optional: false, unique: true },
    number: { name: 'f', type: 'number', optional: false },
    decimal: { name: 'f', type: 'decimal', precision: 6, scale: 2, optional: false },
    boolean: { name: 'f', type: 'boolean', optional: false, defaultValue: false },
    date: { name: 'f', type: 'date', optional: false },
    datetime: { name: 'f', type: 'datetime', optional: false },
    uuid: { name: 'f', type: 'uuid', optional: false },
    enum: { name: 'f', type: 'enum', values: ['link', 'video'], optional: false },
    json: { name: 'f', type: 'json', length: 64, optional: false },
    references: { name: 'f_id', type: 'references', target: 'f', onDelete: 'restrict', optional: false },
  };
  const variants: Field[] = [
    { name: 'f', type: 'string', length: 3, optional: false },
    { name: 'f', type: 'string', length: 4, optional: false, unique: true },
    { name: 'f', type: 'string', format: 'email', optional: false, unique: true },
    { name: 'f', type: 'string', format: 'url', optional: true },
    { name: 'f', type: 'number', min: 0, max: 1, optional: false },
    { name: 'f', type: 'decimal', precision: 3, scale: 0, optional: false, unique: true },
    { name: 'f', type: 'date', optional: false, unique: true },
    { name: 'f', type: 'datetime', optional: false, unique: true },
  ];

  it('covers every type', () => {
    expect(Object.keys(sample).sort()).toEqual([...FIELD_TYPE_NAMES].sort());
  });

  it.each(FIELD_TYPE_NAMES)('maps %s to Sequelize, PostgreSQL and TypeScript consistently', (type) => {
    const field = sample[type] as Field;
    const kind = fieldType(field);
    expect([kind.sequelize(field), kind.postgres(field), kind.typescript(field)]).toEqual(
      {
        string: ['DataTypes.STRING(80)', 'varchar(80)', 'string'],
        text: ['DataTypes.TEXT', 'text', 'string'],
        integer: ['DataTypes.INTEGER', 'integer', 'number'],
        bigint: ['DataTypes.BIGINT', 'bigint', 'string'],
        number: ['DataTypes.DOUBLE', 'double precision', 'number'],
        decimal: ['DataTypes.DECIMAL(6, 2)', 'numeric(6, 2)', 'string'],
        boolean: ['DataTypes.BOOLEAN', 'boolean', 'boolean'],
        date: ['DataTypes.DATEONLY', 'date', 'string'],
        datetime: ['DataTypes.DATE', 'timestamp with time zone', 'Date'],
        uuid: ['DataTypes.UUID', 'uuid', 'string'],
        enum: ['DataTypes.STRING(5)', 'varchar(5)', "'link' | 'video'"],
        json: ['DataTypes.JSONB', 'jsonb', 'Record<string, unknown>'],
        references: ['DataTypes.INTEGER', 'integer', 'number'],
      }[type],
    );
  });

  it('gives each type samples that fit every constraint and invalid values its zod schema refuses', async () => {
    const { z } = await import('zod');
    let counter = 0;
    const context = { z, ...fieldSchemas, seq: () => (counter += 1), parents: { f_id: 7 } };
    const evaluate = (source: string): unknown => runInNewContext(`(${source})`, context);
    for (const field of [...Object.values(sample), ...variants]) {
      const kind = fieldType(field);
      // The generated code is what runs, so the check evaluates the same source text.
      const schema = evaluate(kind.zod(field)) as ZodType;
      const first = evaluate(kind.sample(field));
      expect({ field, sample: first, ok: schema.safeParse(first).success }).toEqual({ field, sample: first, ok: true });
      if (field.unique) expect(evaluate(kind.sample(field))).not.toEqual(first);
      for (const invalid of kind.invalid(field)) {
        expect({ field, invalid, ok: schema.safeParse(evaluate(invalid)).success }).toEqual({
          field,
          invalid,
          ok: false,
        });
      }
    }
  });

  it("gives each type's response a JSON type in the OpenAPI document, never an empty schema the client cannot type", async () => {
    const { z } = await import('zod');
    const context = { z, ...fieldSchemas, seq: () => 1, parents: { f_id: 7 } };
    for (const field of [...Object.values(sample), ...variants]) {
      const schema = runInNewContext(`(${fieldType(field).zod(field)})`, context) as ZodType;
      const response = toJsonSchema(schema, 'output');
      expect({ field, response }).toEqual({ field, response: expect.objectContaining({ type: expect.any(String) }) });
    }
    expect(toJsonSchema(fieldSchemas.isoDateTime(), 'output')).toEqual({ type: 'string', format: 'date-time' });
  });
});

describe('reserved names', () => {
  it('refuses every one-word member of a Sequelize model instance as a field name', () => {
    const oneWord = Object.getOwnPropertyNames(Model.prototype).filter((name) => /^[a-z]+$/.test(name));
    expect(oneWord.filter((name) => !MODEL_MEMBERS.has(name))).toEqual([]);
  });
});
