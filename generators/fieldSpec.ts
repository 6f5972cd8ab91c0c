// Parses a field list such as `url:string title:string(200)? starred:boolean=false kind:enum(link|video)`.
import { FIELD_TYPES, FIELD_TYPE_NAMES, type Field, type FieldTypeName } from './fieldTypes';
import { GeneratorError } from './generatorError';
import { columnName } from './naming';
import { RESERVED_FIELDS, SQL_RESERVED } from './reservedWords';

/** name:type, an optional (argument), `?` for optional, `=default`. */
const FIELD = /^([A-Za-z][A-Za-z0-9_]*):([a-z]+)(?:\(([^()]*)\))?(\?)?(?:=(.*))?$/;
const ENUM_VALUE = /^[A-Za-z0-9_-]+$/;
const MAX_LENGTH = 10_485_760;

export const FIELD_SPEC_HELP =
  'fields are "name:type" separated by spaces; add "?" for optional, "=value" for a default, e.g. ' +
  '"url:string title:string(200)? starred:boolean=false kind:enum(link|video)"; types: ' +
  `${FIELD_TYPE_NAMES.join(', ')}`;

function parseField(token: string, problems: string[]): Field | undefined {
  const match = FIELD.exec(token);
  if (!match) {
    problems.push(`"${token}" is not a field: ${FIELD_SPEC_HELP}`);
    return undefined;
  }
  const [, rawName = '', typeName = '', argument, optional, rawDefault] = match;
  const name = columnName(rawName);
  if (!(typeName in FIELD_TYPES)) {
    problems.push(`"${token}": unknown type "${typeName}" (types: ${FIELD_TYPE_NAMES.join(', ')})`);
    return undefined;
  }
  const type = typeName as FieldTypeName;
  const field: Field = { name, type, optional: optional === '?' };
  const kind = FIELD_TYPES[type];
  const expects = 'argument' in kind ? kind.argument : undefined;

  if (RESERVED_FIELDS.has(name)) problems.push(`"${token}": "${name}" is reserved (every resource has it)`);
  else if (SQL_RESERVED.has(name)) problems.push(`"${token}": "${name}" is an SQL reserved word`);

  if (argument !== undefined && expects === undefined) problems.push(`"${token}": ${type} takes no (...) argument`);
  if (expects === 'length' && argument !== undefined) {
    const length = /^\d+$/.test(argument) ? Number(argument) : NaN;
    if (!(length >= 1 && length <= MAX_LENGTH)) problems.push(`"${token}": length must be 1..${MAX_LENGTH}`);
    else field.length = length;
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
  if (rawDefault !== undefined) {
    const value = kind.parseDefault(rawDefault, field);
    if (typeof value === 'object') problems.push(`"${token}": ${value.error}`);
    else field.defaultValue = value;
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
    // Duplicates are reported even when the rest of the token is wrong too.
    const rawName = /^([A-Za-z][A-Za-z0-9_]*):/.exec(token)?.[1];
    const name = rawName === undefined ? undefined : columnName(rawName);
    if (name !== undefined && seen.has(name)) problems.push(`"${token}": duplicate field "${name}"`);
    if (name !== undefined) seen.add(name);
    const field = parseField(token, problems);
    if (field) fields.push(field);
  }
  if (problems.length > 0) throw new GeneratorError(problems);
  return fields;
}

/** The spec that parses back to `fields`: written into each generated resource so `field` can extend it. */
export function formatFields(fields: readonly Field[]): string {
  return fields
    .map((field) => {
      const argument = field.values ? `(${field.values.join('|')})` : field.length ? `(${field.length})` : '';
      const fallback = field.defaultValue === undefined ? '' : `=${String(field.defaultValue)}`;
      return `${field.name}:${field.type}${argument}${field.optional ? '?' : ''}${fallback}`;
    })
    .join(' ');
}
