// Parses a field list such as `url:string title:string(200)? post:references{cascade} email:string{email}:unique`.
import {
  fieldType,
  FIELD_TYPES,
  FIELD_TYPE_NAMES,
  ON_DELETE,
  type Field,
  type FieldTypeName,
  type OnDelete,
} from './fieldTypes';
import { GeneratorError } from './generatorError';
import { columnName, NAME_INPUT, resourceNames } from './naming';
import { fieldNameProblem } from './reservedWords';

/** name:type, an optional (argument), {options}, `?` for optional, `:unique`/`:index` modifiers, `=default`. */
const FIELD =
  /^([A-Za-z][A-Za-z0-9_]*):([a-z]+)(?:\(([^()]*)\))?(\?)?(?:\{([^{}]*)\})?(\?)?((?::(?:unique|index))*)(?:=(.*))?$/;
const ENUM_VALUE = /^[A-Za-z0-9_-]+$/;
const MAX_LENGTH = 10_485_760;
const MAX_JSON_BYTES = 1_048_576;
const NUMBER = '-?\\d+(?:\\.\\d+)?';
const RANGE = new RegExp(`^(${NUMBER})?\\.\\.(${NUMBER})?$`);

export const FIELD_SPEC_HELP =
  'fields are "name:type" separated by spaces; add "?" for optional, "=value" for a default, ":unique" or ":index", ' +
  'e.g. "url:string title:string(200)? starred:boolean=false kind:enum(link|video) post:references{cascade}"; ' +
  `types: ${FIELD_TYPE_NAMES.join(', ')}`;

function parseArgument(token: string, field: Field, argument: string | undefined, problems: string[]): void {
  const expects = fieldType(field).argument;
  if (argument !== undefined && expects === undefined)
    problems.push(`"${token}": ${field.type} takes no (...) argument`);
  if (expects === 'length' && argument !== undefined) {
    const max = field.type === 'json' ? MAX_JSON_BYTES : MAX_LENGTH;
    const length = /^\d+$/.test(argument) ? Number(argument) : NaN;
    if (!(length >= 1 && length <= max)) problems.push(`"${token}": length must be 1..${max}`);
    else field.length = length;
  }
  if (expects === 'precision' && argument !== undefined) {
    const match = /^(\d+),\s*(\d+)$/.exec(argument);
    const precision = Number(match?.[1]);
    const scale = Number(match?.[2]);
    if (!match || !(precision >= 1 && precision <= 38 && scale >= 0 && scale < precision)) {
      problems.push(`"${token}": decimal needs (precision,scale) with 1 <= precision <= 38 and 0 <= scale < precision`);
    } else {
      field.precision = precision;
      field.scale = scale;
    }
  }
  if (expects === 'target' && argument !== undefined) {
    if (!NAME_INPUT.test(argument)) problems.push(`"${token}": (${argument}) is not a resource name`);
    else field.target = resourceNames(argument).singular.kebab;
  }
  if (expects === 'values') {
    const values = (argument ?? '').split('|');
    if (argument === undefined || values.some((value) => !ENUM_VALUE.test(value))) {
      problems.push(`"${token}": enum needs values of letters, digits, - or _, e.g. enum(link|video)`);
    } else if (new Set(values).size !== values.length) {
      problems.push(`"${token}": enum values must be distinct`);
    } else {
      field.values = values;
    }
  }
}

function parseOptions(token: string, field: Field, options: string | undefined, problems: string[]): void {
  const expects = fieldType(field).options;
  if (options === undefined) return;
  if (expects === undefined) {
    problems.push(`"${token}": ${field.type} takes no {...} options`);
  } else if (expects === 'format') {
    if (options === 'email' || options === 'url') field.format = options;
    else problems.push(`"${token}": a string format is {email} or {url}`);
  } else if (expects === 'range') {
    const match = RANGE.exec(options);
    const min = match?.[1] === undefined ? undefined : Number(match[1]);
    const max = match?.[2] === undefined ? undefined : Number(match[2]);
    if (!match || (min === undefined && max === undefined) || (min !== undefined && max !== undefined && min > max)) {
      problems.push(`"${token}": bounds are written {min..max}, {min..} or {..max}, e.g. rating:integer{1..5}`);
    } else if (
      field.type === 'integer' &&
      [min, max].some((bound) => bound !== undefined && !Number.isInteger(bound))
    ) {
      problems.push(`"${token}": integer bounds must be whole numbers`);
    } else {
      if (min !== undefined) field.min = min;
      if (max !== undefined) field.max = max;
    }
  } else if ((ON_DELETE as readonly string[]).includes(options)) {
    field.onDelete = options as OnDelete;
  } else {
    problems.push(`"${token}": on delete is one of {${ON_DELETE.join('}, {')}}`);
  }
}

function parseField(token: string, problems: string[]): Field | undefined {
  const match = FIELD.exec(token);
  if (!match) {
    problems.push(`"${token}" is not a field: ${FIELD_SPEC_HELP}`);
    return undefined;
  }
  const [, rawName = '', typeName = '', argument, optionalFirst, options, optionalLast, modifiers = '', rawDefault] =
    match;
  const optional = optionalFirst ?? optionalLast;
  if (!(typeName in FIELD_TYPES)) {
    problems.push(`"${token}": unknown type "${typeName}" (types: ${FIELD_TYPE_NAMES.join(', ')})`);
    return undefined;
  }
  const type = typeName as FieldTypeName;
  const isReference = type === 'references';
  const base = columnName(rawName);
  const field: Field = { name: isReference ? `${base}_id` : base, type, optional: optional === '?' };
  if (isReference) field.target = base.replace(/_/g, '-');

  const nameProblem = fieldNameProblem(field.name);
  if (nameProblem)
    problems.push(
      `"${token}": ${nameProblem}${isReference && base === 'user' ? '; name the field for its role, e.g. assignee:references(user)' : ''}`,
    );
  parseArgument(token, field, argument, problems);
  parseOptions(token, field, options, problems);
  if (isReference) {
    field.onDelete ??= 'restrict';
    if (field.onDelete === 'set-null' && !field.optional) {
      problems.push(`"${token}": {set-null} needs an optional reference (${rawName}:references{set-null}?)`);
    }
  }

  const kind = fieldType(field);
  if (modifiers.includes(':unique')) {
    if (!kind.uniqueable) problems.push(`"${token}": a ${type} field cannot be :unique`);
    else field.unique = true;
  }
  if (modifiers.includes(':index')) field.index = true;
  if (rawDefault !== undefined) {
    const value = kind.parseDefault(rawDefault, field);
    if (typeof value === 'object') problems.push(`"${token}": ${value.error}`);
    else if ((type === 'datetime' && value === 'now') || (type === 'uuid' && value === 'random')) {
      field.generated = value;
    } else field.defaultValue = value;
    if (field.unique && rawDefault !== undefined && field.generated === undefined) {
      problems.push(`"${token}": a :unique field cannot have a default (every row would share it)`);
    }
  }
  return field;
}

/**
 * Parses a whole field list; throws a GeneratorError naming every bad field.
 * `existing` are the resource's current fields, which new ones may not repeat.
 */
export function parseFields(spec: string, existing: readonly Field[] = []): Field[] {
  const tokens = spec.trim().split(/\s+/).filter(Boolean);
  const problems: string[] = [];
  if (tokens.length === 0) problems.push(`at least one field is required: ${FIELD_SPEC_HELP}`);
  const fields: Field[] = [];
  const seen = new Set(existing.map((field) => field.name));
  for (const token of tokens) {
    const field = parseField(token, problems);
    // Duplicates are reported even when the rest of the token is wrong too.
    const match = /^([A-Za-z][A-Za-z0-9_]*):([a-z]+)/.exec(token);
    const name =
      field?.name ?? (match ? columnName(match[1] ?? '') + (match[2] === 'references' ? '_id' : '') : undefined);
    if (name !== undefined && seen.has(name)) problems.push(`"${token}": duplicate field "${name}"`);
    if (name !== undefined) seen.add(name);
    if (field) fields.push(field);
  }
  if (problems.length > 0) throw new GeneratorError(problems);
  return fields;
}

function formatField(field: Field): string {
  const name = field.type === 'references' ? field.name.replace(/_id$/, '') : field.name;
  const argument = field.values
    ? `(${field.values.join('|')})`
    : field.type === 'references' && field.target !== name.replace(/_/g, '-')
      ? `(${field.target})`
      : field.precision !== undefined
        ? `(${field.precision},${field.scale ?? 0})`
        : field.length
          ? `(${field.length})`
          : '';
  const range = field.min === undefined && field.max === undefined ? '' : `{${field.min ?? ''}..${field.max ?? ''}}`;
  const options = field.format ? `{${field.format}}` : field.onDelete ? `{${field.onDelete}}` : range;
  const modifiers = `${field.unique ? ':unique' : ''}${field.index ? ':index' : ''}`;
  const value = field.generated ?? field.defaultValue;
  const fallback = value === undefined ? '' : `=${String(value)}`;
  return `${name}:${field.type}${argument}${options}${field.optional ? '?' : ''}${modifiers}${fallback}`;
}

/** The spec that parses back to `fields`: written into each generated resource so `field` can extend it. */
export function formatFields(fields: readonly Field[]): string {
  return fields.map(formatField).join(' ');
}
