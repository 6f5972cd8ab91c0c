// The one type table: how each field type maps to Sequelize, PostgreSQL, TypeScript, zod, OpenAPI and test values.

/** A parsed field of a resource; `name` is already the snake_case column and JSON key. */
export interface Field {
  name: string;
  type: FieldTypeName;
  /** Maximum length for string and text. */
  length?: number;
  /** Allowed values for enum. */
  values?: string[];
  /** `?`: the column is nullable and the field may be left out. */
  optional: boolean;
  /** `=value`, already converted to the field's JSON type. */
  defaultValue?: string | number | boolean;
}

export interface FieldType {
  /** What `(...)` after the type means, if anything. */
  argument?: 'length' | 'values';
  sequelize(field: Field): string;
  postgres(field: Field): string;
  typescript(field: Field): string;
  /** The zod schema of a present, non-null value. */
  zod(field: Field): string;
  openApi(field: Field): Record<string, unknown>;
  /** Converts a `=value` default, or returns an error message. */
  parseDefault(raw: string, field: Field): string | number | boolean | { error: string };
  /** A valid JSON value for tests. */
  sample(field: Field): unknown;
  /** Values the API must answer with 422, as TypeScript source. */
  invalid(field: Field): string[];
}

export const DEFAULT_STRING_LENGTH = 255;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

const notSupported = (type: string) => () => ({ error: `a ${type} field cannot have a default` });

/** `text` is required and trimmed when not optional, so a blank value is refused like a missing one. */
function stringZod(field: Field): string {
  const max = field.length === undefined ? '' : `.max(${field.length})`;
  return field.optional ? `z.string()${max}` : `z.string().trim().min(1)${max}`;
}

function stringOpenApi(field: Field): Record<string, unknown> {
  return {
    type: 'string',
    ...(field.optional ? {} : { minLength: 1 }),
    ...(field.length === undefined ? {} : { maxLength: field.length }),
  };
}

const asString = (raw: string) => raw;

/** A number instead of a string, a blank required value, one character too many. */
function stringInvalid(field: Field): string[] {
  const cases = ['12345'];
  if (!field.optional) cases.push("''");
  const length = field.length ?? (field.type === 'string' ? DEFAULT_STRING_LENGTH : undefined);
  if (length !== undefined) cases.push(`'x'.repeat(${length + 1})`);
  return cases;
}

export const FIELD_TYPES = {
  string: {
    argument: 'length',
    sequelize: (field) => `DataTypes.STRING(${field.length ?? DEFAULT_STRING_LENGTH})`,
    postgres: (field) => `varchar(${field.length ?? DEFAULT_STRING_LENGTH})`,
    typescript: () => 'string',
    zod: (field) => stringZod({ ...field, length: field.length ?? DEFAULT_STRING_LENGTH }),
    openApi: (field) => stringOpenApi({ ...field, length: field.length ?? DEFAULT_STRING_LENGTH }),
    parseDefault: asString,
    sample: (field) => `Sample ${field.name}`,
    invalid: stringInvalid,
  },
  text: {
    argument: 'length',
    sequelize: () => 'DataTypes.TEXT',
    postgres: () => 'text',
    typescript: () => 'string',
    zod: stringZod,
    openApi: stringOpenApi,
    parseDefault: asString,
    sample: (field) => `Sample ${field.name}`,
    invalid: stringInvalid,
  },
  integer: {
    sequelize: () => 'DataTypes.INTEGER',
    postgres: () => 'integer',
    typescript: () => 'number',
    zod: () => `z.number().int().min(${INT_MIN}).max(${INT_MAX})`,
    openApi: () => ({ type: 'integer', format: 'int32' }),
    parseDefault: (raw) =>
      /^-?\d+$/.test(raw) && Number(raw) >= INT_MIN && Number(raw) <= INT_MAX
        ? Number(raw)
        : { error: `"${raw}" is not a 32-bit integer` },
    sample: () => 7,
    invalid: () => ["'seven'", '1.5'],
  },
  number: {
    sequelize: () => 'DataTypes.DOUBLE',
    postgres: () => 'double precision',
    typescript: () => 'number',
    zod: () => 'z.number()',
    openApi: () => ({ type: 'number', format: 'double' }),
    parseDefault: (raw) =>
      raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : { error: `"${raw}" is not a number` },
    sample: () => 2.5,
    invalid: () => ["'two and a half'"],
  },
  boolean: {
    sequelize: () => 'DataTypes.BOOLEAN',
    postgres: () => 'boolean',
    typescript: () => 'boolean',
    zod: () => 'z.boolean()',
    openApi: () => ({ type: 'boolean' }),
    parseDefault: (raw) =>
      raw === 'true' ? true : raw === 'false' ? false : { error: `"${raw}" is not true or false` },
    sample: (field) => field.defaultValue !== true,
    invalid: () => ["'yes'"],
  },
  date: {
    sequelize: () => 'DataTypes.DATEONLY',
    postgres: () => 'date',
    typescript: () => 'string',
    zod: () => 'z.iso.date()',
    openApi: () => ({ type: 'string', format: 'date' }),
    parseDefault: notSupported('date'),
    sample: () => '2026-01-31',
    invalid: () => ['20260131', "'not-a-date'"],
  },
  datetime: {
    sequelize: () => 'DataTypes.DATE',
    postgres: () => 'timestamp with time zone',
    typescript: () => 'Date',
    zod: () => 'z.iso.datetime({ offset: true }).transform((value) => new Date(value))',
    openApi: () => ({ type: 'string', format: 'date-time' }),
    parseDefault: notSupported('datetime'),
    sample: () => '2026-01-31T12:00:00.000Z',
    invalid: () => ['20260131', "'not-a-datetime'"],
  },
  uuid: {
    sequelize: () => 'DataTypes.UUID',
    postgres: () => 'uuid',
    typescript: () => 'string',
    zod: () => 'z.uuid()',
    openApi: () => ({ type: 'string', format: 'uuid' }),
    parseDefault: notSupported('uuid'),
    sample: () => '9b2f3a55-3c4e-4b7a-9a51-2f6f8f3f0e11',
    invalid: () => ['12345', "'not-a-uuid'"],
  },
  enum: {
    argument: 'values',
    sequelize: (field) => `DataTypes.STRING(${enumLength(field)})`,
    postgres: (field) => `varchar(${enumLength(field)})`,
    typescript: (field) =>
      enumValues(field)
        .map((value) => `'${value}'`)
        .join(' | '),
    zod: (field) =>
      `z.enum([${enumValues(field)
        .map((value) => `'${value}'`)
        .join(', ')}])`,
    openApi: (field) => ({ type: 'string', enum: enumValues(field) }),
    parseDefault: (raw, field) =>
      enumValues(field).includes(raw) ? raw : { error: `"${raw}" is not one of ${enumValues(field).join(', ')}` },
    sample: (field) => enumValues(field).find((value) => value !== field.defaultValue) ?? enumValues(field)[0],
    invalid: (field) => ['12345', `'not-a-${field.name}'`],
  },
} satisfies Record<string, FieldType>;

export type FieldTypeName = keyof typeof FIELD_TYPES;

export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES) as FieldTypeName[];

function enumValues(field: Field): string[] {
  return field.values ?? [];
}

function enumLength(field: Field): number {
  return Math.max(...enumValues(field).map((value) => value.length));
}

export function fieldType(field: Field): FieldType {
  return FIELD_TYPES[field.type];
}
