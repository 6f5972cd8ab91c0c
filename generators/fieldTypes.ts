// The one type table: how each field type maps to Sequelize, PostgreSQL, TypeScript, zod, OpenAPI and test values.

export const ON_DELETE = ['restrict', 'cascade', 'set-null'] as const;
export type OnDelete = (typeof ON_DELETE)[number];

/** A parsed field of a resource; `name` is already the snake_case column and JSON key. */
export interface Field {
  name: string;
  type: FieldTypeName;
  /** Maximum length for string and text; maximum bytes for json. */
  length?: number;
  /** Allowed values for enum. */
  values?: string[];
  /** decimal(precision, scale). */
  precision?: number;
  scale?: number;
  /** `{min..max}` bounds of integer and number. */
  min?: number;
  max?: number;
  /** `string{email}` or `string{url}`. */
  format?: 'email' | 'url';
  /** references: the singular kebab name of the resource (or `user`) a `<name>_id` column points at. */
  target?: string;
  onDelete?: OnDelete;
  /** `:unique` and `:index` modifiers. */
  unique?: boolean;
  index?: boolean;
  /** `?`: the column is nullable and the field may be left out. */
  optional: boolean;
  /** `=value`, already converted to the field's JSON type. */
  defaultValue?: string | number | boolean;
  /** `=now` (datetime) or `=random` (uuid): the database fills it in. */
  generated?: 'now' | 'random';
}

export interface FieldType {
  /** What `(...)` after the type means, if anything. */
  argument?: 'length' | 'values' | 'precision' | 'target';
  /** What `{...}` after the type means, if anything. */
  options?: 'format' | 'range' | 'on-delete';
  /** Whether `:unique` can hold for many rows of test data. */
  uniqueable: boolean;
  /** Whether a list may filter by equality (`?name=value`) or by range (`?name.gte=value`). */
  filter?: 'equal' | 'range';
  sequelize(field: Field): string;
  postgres(field: Field): string;
  typescript(field: Field): string;
  /** The zod schema of a present, non-null value. */
  zod(field: Field): string;
  /** Converts a `=value` default, or returns an error message. */
  parseDefault(raw: string, field: Field): string | number | boolean | { error: string };
  /** A valid value for tests, as TypeScript source; `seq()` gives a fresh number for unique fields. */
  sample(field: Field): string;
  /** Values the API must answer with 422, as TypeScript source. */
  invalid(field: Field): string[];
}

export const DEFAULT_STRING_LENGTH = 255;
export const DEFAULT_JSON_BYTES = 16_384;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

const notSupported = (type: string) => () => ({ error: `a ${type} field cannot have a default` });

function json(value: unknown): string {
  return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function stringLength(field: Field): number | undefined {
  return field.length ?? (field.type === 'string' ? DEFAULT_STRING_LENGTH : undefined);
}

/** `string` is required and trimmed when not optional, so a blank value is refused like a missing one. */
function stringZod(field: Field): string {
  const length = stringLength(field);
  const max = length === undefined ? '' : `.max(${length})`;
  if (field.format === 'email') return `z.email()${max}`;
  if (field.format === 'url') return `z.url({ protocol: /^https?$/ })${max}`;
  return field.optional ? `z.string()${max}` : `z.string().trim().min(1)${max}`;
}

/** A default must pass the same checks as a value sent by a client. */
function stringDefault(raw: string, field: Field): string | { error: string } {
  const length = stringLength(field);
  if (raw.trim() === '') return { error: 'an empty default is not allowed; make the field optional (?) instead' };
  if (length !== undefined && raw.length > length) return { error: `default "${raw}" is longer than ${length}` };
  if (field.format === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) return { error: `"${raw}" is not an email` };
  if (field.format === 'url' && !/^https?:\/\/[^\s/]+/.test(raw)) return { error: `"${raw}" is not an http(s) URL` };
  return raw;
}

/** A value that fits every constraint of the field; unique fields get a fresh one per call. */
function stringSample(field: Field): string {
  const length = stringLength(field) ?? 1000;
  if (field.format === 'email') return field.unique ? '`user${seq()}@example.com`' : "'user@example.com'";
  if (field.format === 'url') return field.unique ? '`https://example.com/${seq()}`' : "'https://example.com/sample'";
  if (field.unique) return `String(seq())${length < 12 ? `.slice(-${length})` : ''}`;
  return json(`Sample ${field.name.replace(/_/g, ' ')}`.slice(0, length));
}

/** A number instead of a string, a blank required value, one character too many. */
function stringInvalid(field: Field): string[] {
  const cases = ['12345'];
  if (!field.optional || field.format) cases.push("''");
  const length = stringLength(field);
  if (length !== undefined) cases.push(`'x'.repeat(${length + 1})`);
  if (field.format === 'email') cases.push("'not-an-email'");
  if (field.format === 'url') cases.push("'javascript:alert(1)'");
  return cases;
}

function bounded(zod: string, field: Field, low: number, high: number): string {
  return `${zod}.min(${field.min ?? low}).max(${field.max ?? high})`;
}

function numberDefault(raw: string, field: Field, integer: boolean): number | { error: string } {
  const value = Number(raw);
  const ok = integer ? /^-?\d+$/.test(raw) : raw.trim() !== '' && Number.isFinite(value);
  if (!ok) return { error: `"${raw}" is not ${integer ? 'a 32-bit integer' : 'a number'}` };
  const low = field.min ?? (integer ? INT_MIN : -Infinity);
  const high = field.max ?? (integer ? INT_MAX : Infinity);
  if (value < low || value > high) {
    return {
      error: `"${raw}" is outside ${integer && field.min === undefined ? 'the 32-bit range' : `${low}..${high}`}`,
    };
  }
  return value;
}

/** Inside the bounds, and fresh per call for unique fields. */
function numberSample(field: Field, fallback: number): string {
  const low = field.min ?? -Infinity;
  const high = field.max ?? Infinity;
  if (field.unique) return field.min === undefined ? 'seq()' : `${field.min} + seq()`;
  const value = Math.min(Math.max(fallback, low), high);
  return String(field.defaultValue === value && high > value ? Math.min(value + 1, high) : value);
}

function numberInvalid(field: Field, word: string, integer: boolean): string[] {
  const cases = [`'${word}'`];
  if (integer) cases.push('1.5');
  if (field.min !== undefined) cases.push(String(field.min - 1));
  if (field.max !== undefined) cases.push(String(field.max + 1));
  if (integer && field.min === undefined) cases.push(String(INT_MIN - 1));
  return cases;
}

function decimalDigits(field: Field): { whole: number; scale: number } {
  const scale = field.scale ?? 2;
  return { whole: (field.precision ?? 10) - scale, scale };
}

export const FIELD_TYPES = {
  string: {
    argument: 'length',
    options: 'format',
    uniqueable: true,
    sequelize: (field) => `DataTypes.STRING(${stringLength(field)})`,
    postgres: (field) => `varchar(${stringLength(field)})`,
    typescript: () => 'string',
    zod: stringZod,
    parseDefault: stringDefault,
    sample: stringSample,
    invalid: stringInvalid,
  },
  text: {
    argument: 'length',
    uniqueable: true,
    sequelize: () => 'DataTypes.TEXT',
    postgres: () => 'text',
    typescript: () => 'string',
    zod: stringZod,
    parseDefault: stringDefault,
    sample: stringSample,
    invalid: stringInvalid,
  },
  integer: {
    options: 'range',
    uniqueable: true,
    filter: 'range',
    sequelize: () => 'DataTypes.INTEGER',
    postgres: () => 'integer',
    typescript: () => 'number',
    zod: (field) => bounded('z.number().int()', field, INT_MIN, INT_MAX),
    parseDefault: (raw, field) => numberDefault(raw, field, true),
    sample: (field) => numberSample(field, 7),
    invalid: (field) => numberInvalid(field, 'seven', true),
  },
  bigint: {
    uniqueable: true,
    filter: 'equal',
    sequelize: () => 'DataTypes.BIGINT',
    postgres: () => 'bigint',
    typescript: () => 'string',
    zod: () => 'bigintString()',
    parseDefault: (raw) =>
      /^-?\d{1,19}$/.test(raw) && BigInt(raw) >= -(2n ** 63n) && BigInt(raw) < 2n ** 63n
        ? raw
        : { error: `"${raw}" is not a 64-bit integer` },
    sample: (field) => (field.unique ? 'String(9_007_199_254_740_993n + BigInt(seq()))' : "'9007199254740993'"),
    invalid: () => ['42', "'4.2'", "'9223372036854775808'"],
  },
  number: {
    options: 'range',
    uniqueable: true,
    filter: 'range',
    sequelize: () => 'DataTypes.DOUBLE',
    postgres: () => 'double precision',
    typescript: () => 'number',
    zod: (field) =>
      field.min === undefined && field.max === undefined
        ? 'z.number()'
        : bounded('z.number()', field, -Infinity, Infinity),
    parseDefault: (raw, field) => numberDefault(raw, field, false),
    sample: (field) => numberSample(field, 2.5),
    invalid: (field) => numberInvalid(field, 'two and a half', false),
  },
  decimal: {
    argument: 'precision',
    uniqueable: true,
    filter: 'range',
    sequelize: (field) => `DataTypes.DECIMAL(${field.precision ?? 10}, ${field.scale ?? 2})`,
    postgres: (field) => `numeric(${field.precision ?? 10}, ${field.scale ?? 2})`,
    typescript: () => 'string',
    zod: (field) => `decimalString(${field.precision ?? 10}, ${field.scale ?? 2})`,
    parseDefault: (raw, field) => {
      const { whole, scale } = decimalDigits(field);
      const pattern = new RegExp(`^-?\\d{1,${whole}}${scale > 0 ? `(\\.\\d{1,${scale}})?` : ''}$`);
      return pattern.test(raw) ? raw : { error: `"${raw}" is not a decimal(${field.precision ?? 10},${scale})` };
    },
    sample: (field) => {
      const { scale } = decimalDigits(field);
      const fraction = scale > 0 ? `.${'5'.repeat(scale)}` : '';
      return field.unique
        ? `\`\${seq() % ${10 ** Math.min(decimalDigits(field).whole, 9)}}${fraction}\``
        : json(`1${fraction}`);
    },
    invalid: (field) => {
      const { whole, scale } = decimalDigits(field);
      const cases = ['12.5', "'twelve'", json('9'.repeat(whole + 1))];
      if (scale > 0) cases.push(json(`1.${'1'.repeat(scale + 1)}`));
      return cases;
    },
  },
  boolean: {
    uniqueable: false,
    filter: 'equal',
    sequelize: () => 'DataTypes.BOOLEAN',
    postgres: () => 'boolean',
    typescript: () => 'boolean',
    zod: () => 'z.boolean()',
    parseDefault: (raw) =>
      raw === 'true' ? true : raw === 'false' ? false : { error: `"${raw}" is not true or false` },
    sample: (field) => String(field.defaultValue !== true),
    invalid: () => ["'yes'"],
  },
  date: {
    uniqueable: true,
    filter: 'range',
    sequelize: () => 'DataTypes.DATEONLY',
    postgres: () => 'date',
    typescript: () => 'string',
    zod: () => 'isoDate()',
    parseDefault: notSupported('date'),
    sample: (field) =>
      field.unique ? 'new Date(Date.UTC(2026, 0, 1) + seq() * 86_400_000).toISOString().slice(0, 10)' : "'2026-01-31'",
    invalid: () => ['20260131', "'not-a-date'", "'0000-01-01'"],
  },
  datetime: {
    uniqueable: true,
    filter: 'range',
    sequelize: () => 'DataTypes.DATE',
    postgres: () => 'timestamp with time zone',
    typescript: () => 'Date',
    zod: () => 'isoDateTime()',
    parseDefault: (raw) => (raw === 'now' ? raw : { error: 'a datetime default can only be "now"' }),
    sample: (field) =>
      field.unique ? 'new Date(Date.UTC(2026, 0, 31) + seq() * 1000).toISOString()' : "'2026-01-31T12:00:00.000Z'",
    invalid: () => ['20260131', "'not-a-datetime'", "'0000-01-01T00:00:00Z'"],
  },
  uuid: {
    uniqueable: true,
    filter: 'equal',
    sequelize: () => 'DataTypes.UUID',
    postgres: () => 'uuid',
    typescript: () => 'string',
    zod: () => 'z.uuid()',
    parseDefault: (raw) => (raw === 'random' ? raw : { error: 'a uuid default can only be "random"' }),
    sample: (field) =>
      field.unique
        ? "`9b2f3a55-3c4e-4b7a-9a51-${String(seq()).padStart(12, '0')}`"
        : "'9b2f3a55-3c4e-4b7a-9a51-2f6f8f3f0e11'",
    invalid: () => ['12345', "'not-a-uuid'"],
  },
  enum: {
    argument: 'values',
    uniqueable: false,
    filter: 'equal',
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
    parseDefault: (raw, field) =>
      enumValues(field).includes(raw) ? raw : { error: `"${raw}" is not one of ${enumValues(field).join(', ')}` },
    sample: (field) => json(enumValues(field).find((value) => value !== field.defaultValue) ?? enumValues(field)[0]),
    invalid: (field) => ['12345', `'not-a-${field.name}'`],
  },
  json: {
    argument: 'length',
    uniqueable: false,
    sequelize: () => 'DataTypes.JSONB',
    postgres: () => 'jsonb',
    typescript: () => 'Record<string, unknown>',
    zod: (field) => `jsonObject(${field.length ?? DEFAULT_JSON_BYTES})`,
    parseDefault: notSupported('json'),
    sample: () => "{ sample: true, tags: ['a', 'b'] }",
    invalid: (field) => ["'text'", '[1, 2]', `{ big: 'x'.repeat(${field.length ?? DEFAULT_JSON_BYTES}) }`],
  },
  references: {
    argument: 'target',
    options: 'on-delete',
    uniqueable: false,
    filter: 'equal',
    sequelize: () => 'DataTypes.INTEGER',
    postgres: () => 'integer',
    typescript: () => 'number',
    zod: () => 'z.number().int().positive().max(2_147_483_647)',
    parseDefault: notSupported('references'),
    // Tests put the id of a parent they created; this stands in where none is needed.
    sample: (field) => `parents.${field.name}`,
    invalid: () => ["'1'", '0', '1.5'],
  },
} satisfies Record<string, FieldType>;

export type FieldTypeName = keyof typeof FIELD_TYPES;

export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES) as FieldTypeName[];

function enumValues(field: Field): string[] {
  return field.values ?? [];
}

/** The varchar length an enum column needs: its longest value. */
export function enumLength(field: Field): number {
  return Math.max(...enumValues(field).map((value) => value.length));
}

export function fieldType(field: Field): FieldType {
  return FIELD_TYPES[field.type];
}
