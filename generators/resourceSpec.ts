// Everything the resource templates need, computed once from a name, an access mode and a field list.
import { fieldType, type Field } from './fieldTypes';
import { formatFields } from './fieldSpec';
import { literal } from './literal';
import { resourceNames, type ResourceNames } from './naming';

export const ACCESS_MODES = ['owner', 'admin', 'public-read'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export interface ResourceSpec {
  /** The name as given, e.g. blog-post. */
  name: string;
  access: AccessMode;
  fields: Field[];
}

export interface TemplateField {
  name: string;
  tsType: string;
  /** Sequelize attribute options, shared by the model and the migration. */
  attribute: string;
  /** zod schema of the value (nullable when optional), used as is by updates. */
  zod: string;
  /** What a create body adds: `.optional()`, `.default(...)` or nothing. */
  createModifier: string;
}

export interface ResourceTemplateData {
  s: ResourceNames['singular'];
  p: ResourceNames['plural'];
  access: AccessMode;
  owner: boolean;
  admin: boolean;
  publicRead: boolean;
  table: string;
  folder: string;
  /** Mount path under /api. */
  path: string;
  idParam: string;
  /** The line index.ts carries so `npx plop field` can re-render the resource. */
  specLine: string;
  fields: TemplateField[];
  /** The collection and item paths as the OpenAPI document names them. */
  docPaths: string;
  /** Every property of a row in the OpenAPI document. */
  docProperties: string;
  /** The migration's name (file name without extension). */
  migrationName: string;
  test: TestData;
}

export interface TestData {
  validBody: string;
  requiredBody: string;
  /** What a create with only the required fields answers for the others. */
  defaults: string;
  /** `['field', value]` pairs, as TypeScript source, each of which must answer 422. */
  invalid: string[];
  required: string[];
}

export function mountPath(access: AccessMode, plural: string): string {
  if (access === 'admin') return `/admin/${plural}`;
  if (access === 'public-read') return `/${plural}`;
  return `/users/:userId/${plural}`;
}

export function specLine(spec: ResourceSpec): string {
  return `rampart:spec ${resourceNames(spec.name).singular.kebab} --access ${spec.access} --fields "${formatFields(spec.fields)}"`;
}

function templateField(field: Field): TemplateField {
  const type = fieldType(field);
  const hasDefault = field.defaultValue !== undefined;
  const baseType = type.typescript(field) + (field.optional ? ' | null' : '');
  const options = [`type: ${type.sequelize(field)}`, `allowNull: ${field.optional}`];
  if (hasDefault) options.push(`defaultValue: ${literal(field.defaultValue)}`);
  return {
    name: field.name,
    tsType: hasDefault ? `CreationOptional<${baseType}>` : baseType,
    attribute: `{ ${options.join(', ')} }`,
    zod: type.zod(field) + (field.optional ? '.nullable()' : ''),
    createModifier: hasDefault ? `.default(${literal(field.defaultValue)})` : field.optional ? '.optional()' : '',
  };
}

function testData(fields: Field[]): TestData {
  const valid = Object.fromEntries(fields.map((field) => [field.name, fieldType(field).sample(field)]));
  const required = fields.filter((field) => !field.optional && field.defaultValue === undefined);
  const requiredBody = Object.fromEntries(required.map((field) => [field.name, valid[field.name]]));
  const defaults = Object.fromEntries(
    fields
      .filter((field) => field.optional || field.defaultValue !== undefined)
      .map((field) => [field.name, field.defaultValue ?? null]),
  );
  return {
    validBody: literal(valid),
    requiredBody: literal(requiredBody),
    defaults: literal(defaults),
    invalid: fields.flatMap((field) =>
      fieldType(field)
        .invalid(field)
        .map((value) => `[${literal(field.name)}, ${value}]`),
    ),
    required: required.map((field) => literal(field.name)),
  };
}

/** The data every resource template renders from. `migrationName` is fixed by the caller (it holds a timestamp). */
export function templateData(spec: ResourceSpec, migrationName: string): ResourceTemplateData {
  const names = resourceNames(spec.name);
  const path = mountPath(spec.access, names.plural.kebab);
  const idParam = `${names.singular.camel}Id`;
  const docCollection = `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
  return {
    s: names.singular,
    p: names.plural,
    access: spec.access,
    owner: spec.access === 'owner',
    admin: spec.access === 'admin',
    publicRead: spec.access === 'public-read',
    table: names.plural.snake,
    folder: names.plural.kebab,
    path,
    idParam,
    docPaths: literal([docCollection, `${docCollection}/{${idParam}}`]),
    docProperties: literal(['id', 'user_id', ...spec.fields.map((field) => field.name), 'created_at', 'updated_at']),
    specLine: specLine(spec),
    fields: spec.fields.map(templateField),
    migrationName,
    test: testData(spec.fields),
  };
}
