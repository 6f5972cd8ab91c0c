// Everything the resource templates need, computed once from a name, an access mode, a field list and its parents.
import { fieldType, type Field } from './fieldTypes';
import { formatFields } from './fieldSpec';
import { literal } from './literal';
import { resourceNames, type ResourceNames } from './naming';

export const ACCESS_MODES = ['owner', 'admin', 'public-read', 'admin-write'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export interface ResourceSpec {
  /** The name as given, e.g. blog-post. */
  name: string;
  access: AccessMode;
  fields: Field[];
  /** A boolean field of a public-read resource: rows stay visible to their owner only until it is true. */
  visibleWhen?: string;
  /** The referenced resource whose item path the routes nest under: `/api/posts/:postId/comments`. */
  parent?: string;
}

/** What a `references` field points at: a generated resource, or the base app's users. */
export type ParentOf = (target: string) => ResourceSpec | 'user' | undefined;

export interface TemplateField {
  name: string;
  tsType: string;
  /** Sequelize attribute options of the model. */
  attribute: string;
  /** The same for the migration: database defaults and foreign keys. */
  column: string;
  /** zod schema of the value (nullable when optional), used as is by updates. */
  zod: string;
  /** What a create body adds: `.optional()`, `.default(...)` or nothing. */
  createModifier: string;
}

/** The resource a nested one lives under: its reference, path parameter and names. */
export interface TemplateParent extends TemplateReference {
  idParam: string;
  sentence: string;
}

export interface TemplateIndex {
  name: string;
  columns: string;
  unique: boolean;
}

export interface TemplateReference {
  field: string;
  label: string;
  rule: 'owner' | 'visible' | 'exists' | 'admin';
  /** The parent's `--visible-when` column: a hidden parent of another user counts as missing. Empty if none. */
  visibleWhen: string;
  modelFunction: string;
  modelImport: string;
}

/** A parent `?include=` may embed: a references field to a generated resource (users are never embedded). */
export interface TemplateInclude extends TemplateReference {
  /** `post` for `post_id`: the query value and the key of the embedded row. */
  name: string;
  /** The parent's fields export and where it lives, for its public row schema. */
  fieldsName: string;
  schemasImport: string;
}

/** A helper of the generated test that creates a parent row and returns its id. */
export interface TestMaker {
  name: string;
  label: string;
  /** Whether the body or URL needs the creating user `as`. */
  usesAs: boolean;
  /** Who creates it: the caller given (`as`) or the test's admin. */
  byAdmin: boolean;
  /** The parent's collection URL for `as`, as TypeScript source. */
  collection: string;
  body: string;
  /** The parent's `--visible-when` column: the maker takes `visible` (true by default) for it. Empty if none. */
  visibleWhen: string;
}

export interface TestReference {
  field: string;
  label: string;
  /** The maker of this parent, or undefined for `user`. */
  maker?: string;
  /** Another user's parent must be refused (owner-mode parents). */
  crossUser: boolean;
  /** The parent's `--visible-when` column: another user's hidden parent is refused until it is set. Empty if none. */
  hiddenUntil: string;
  /** The parent's collection URL (for publishing it), e.g. `/api/posts`; empty for owner parents and users. */
  parentPath: string;
  /** Its `?include=` name, e.g. `post`; empty for users, which are never embedded. */
  include: string;
}

export interface TestData {
  /** Object literal source of every field, with `seq()` for unique values and parents from `makeParents`. */
  validBody: string;
  requiredBody: string;
  /** What a create with only the required fields answers for the others. */
  defaults: string;
  /** `['field', value]` pairs, as TypeScript source, each of which must answer 422. */
  invalid: string[];
  required: string[];
  makers: TestMaker[];
  references: TestReference[];
  /** The parents `?include=` embeds (the nested parent too), and the first one's name. */
  includes: { name: string; field: string; label: string }[];
  firstInclude: string;
  /** Whether the bodies need a `seq()` counter or parents. */
  usesSeq: boolean;
  needsParents: boolean;
  /** The test needs an admin user though the resource is not admin-only. */
  needsAdmin: boolean;
  equalFilters: string[];
  rangeFilters: string[];
  sorts: string[];
  unique: string[];
  equalLiterals: string[];
  rangeLiterals: string[];
  sortLiterals: string[];
  uniqueLiterals: string[];
  /** `['field', 'value']` for every value of every enum field, as source: each must be stored. */
  enumValues: string[];
  /** The acting user of most tests, and another one of the same kind. */
  me: string;
  other: string;
  /** `collection(alice)` or `collection()`: the acting user's collection, as source. */
  collectionMe: string;
  /** What `item(...)` takes before the id: `alice, ` or nothing. */
  itemPrefix: string;
  validUsesAs: boolean;
  requiredUsesAs: boolean;
  /** The resource has equality or range filters. */
  filters: boolean;
  /** Every test user is an admin or the plain user (admin mode). */
  sharedByAdmins: boolean;
  importsAdmin: boolean;
  /** Anyone may read (public-read, admin-write). */
  publicReads: boolean;
  /** `--visible-when`: rows are hidden from others until this column is true. Empty if none. */
  visibleWhen: string;
  /** `--parent`: the parent's column, path parameter, maker, label, collection and `--visible-when` column. */
  nested: boolean;
  parentField: string;
  parentIdParam: string;
  parentMaker: string;
  parentLabel: string;
  parentSentence: string;
  parentPath: string;
  parentVisibleWhen: string;
}

export interface ResourceTemplateData {
  s: ResourceNames['singular'];
  p: ResourceNames['plural'];
  access: AccessMode;
  owner: boolean;
  admin: boolean;
  publicRead: boolean;
  adminWrite: boolean;
  /** The boolean column that shows a public-read row to everyone (`--visible-when`), or empty. */
  visibleWhen: string;
  table: string;
  folder: string;
  /** Mount path under /api. */
  path: string;
  /** `--parent`: the resource whose item path this one is nested under, or null. */
  parent: TemplateParent | null;
  /** The fields a request body may hold: all of them, but the parent's column of a nested resource. */
  bodyFields: TemplateField[];
  idParam: string;
  /** The line index.ts carries so `npx plop field` can re-render the resource. */
  specLine: string;
  fields: TemplateField[];
  /** Helpers the schemas import from src/resources/fieldSchemas. */
  fieldSchemaImports: string;
  /** Helpers the schemas import from src/http/pagination. */
  paginationImports: string;
  listQuery: string;
  indexes: TemplateIndex[];
  /** CHECK constraints of enum columns: the column may only hold `values`. */
  checks: { name: string; field: string; values: string }[];
  references: TemplateReference[];
  /** The parents `?include=` may embed, and their names as a TypeScript array literal. */
  includes: TemplateInclude[];
  includeNames: string;
  /** The collection and item paths as the OpenAPI document names them. */
  docPaths: string;
  /** Every property of a row in the OpenAPI document. */
  docProperties: string;
  /** The migration's name (file name without extension). */
  migrationName: string;
  /** Every PostgreSQL identifier the resource creates (checked against the 63-byte limit). */
  identifiers: string[];
  test: TestData;
}

export function mountPath(access: AccessMode, plural: string, parent?: string): string {
  if (parent !== undefined) {
    const names = resourceNames(parent);
    return `/${names.plural.kebab}/:${names.singular.camel}Id/${plural}`;
  }
  if (access === 'admin') return `/admin/${plural}`;
  if (access === 'public-read' || access === 'admin-write') return `/${plural}`;
  return `/users/:userId/${plural}`;
}

export function specLine(spec: ResourceSpec): string {
  const options = [
    ...(spec.visibleWhen === undefined ? [] : [`--visible-when ${spec.visibleWhen}`]),
    ...(spec.parent === undefined ? [] : [`--parent ${spec.parent}`]),
  ];
  return `rampart:spec ${resourceNames(spec.name).singular.kebab} --access ${spec.access}${options.map((option) => ` ${option}`).join('')} --fields ${JSON.stringify(formatFields(spec.fields))}`;
}

/** The references fields pointing at `parent` (a resource name): `--parent post` needs exactly one, `post_id`. */
export function parentFields(spec: Pick<ResourceSpec, 'fields'>, parent: string): Field[] {
  const kebab = resourceNames(parent).singular.kebab;
  return spec.fields.filter(
    (field) => field.type === 'references' && resourceNames(field.target ?? '').singular.kebab === kebab,
  );
}

/** The column a nested resource takes from its path (`post_id` under `/posts/:postId/...`), or undefined. */
export function parentColumn(spec: ResourceSpec): string | undefined {
  return spec.parent === undefined ? undefined : parentFields(spec, spec.parent)[0]?.name;
}

const ON_DELETE_SQL = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL' } as const;

function parentTable(field: Field): string {
  return field.target === 'user' ? 'users' : resourceNames(field.target ?? '').plural.snake;
}

function templateField(field: Field): TemplateField {
  const type = fieldType(field);
  const hasDefault = field.defaultValue !== undefined || field.generated !== undefined;
  const baseType = type.typescript(field) + (field.optional ? ' | null' : '');
  const options = [`type: ${type.sequelize(field)}`, `allowNull: ${field.optional}`];
  const column = [...options];
  if (field.defaultValue !== undefined) {
    options.push(`defaultValue: ${literal(field.defaultValue)}`);
    column.push(`defaultValue: ${literal(field.defaultValue)}`);
  }
  if (field.generated === 'now') {
    options.push('defaultValue: DataTypes.NOW');
    column.push("defaultValue: sequelize.fn('now')");
  }
  if (field.generated === 'random') {
    options.push('defaultValue: DataTypes.UUIDV4');
    column.push("defaultValue: sequelize.fn('gen_random_uuid')");
  }
  if (field.type === 'references') {
    column.push(`references: { model: '${parentTable(field)}', key: 'id' }`);
    column.push(`onDelete: '${ON_DELETE_SQL[field.onDelete ?? 'restrict']}'`);
  }
  return {
    name: field.name,
    tsType: hasDefault ? `CreationOptional<${baseType}>` : baseType,
    attribute: `{ ${options.join(', ')} }`,
    column: `{ ${column.join(', ')} }`,
    zod: type.zod(field) + (field.optional ? '.nullable()' : ''),
    createModifier:
      field.defaultValue !== undefined
        ? `.default(${literal(field.defaultValue)})`
        : field.optional || hasDefault
          ? '.optional()'
          : '',
  };
}

/** Columns a list can sort by: never null (keyset pagination cannot step over NULLs) and indexed. */
function sortColumns(fields: readonly Field[]): string[] {
  const sortable = fields.filter(
    (field) =>
      (field.index || field.unique) &&
      !field.optional &&
      field.type !== 'json' &&
      fieldType(field).filter !== undefined &&
      field.type !== 'boolean',
  );
  return ['id', 'created_at', ...sortable.map((field) => field.name)];
}

function queryZod(field: Field): string | undefined {
  switch (field.type) {
    case 'boolean':
      return 'queryBoolean()';
    case 'references':
      return 'queryId()';
    case 'integer':
      return `z.coerce.number().int()`;
    case 'number':
      return 'z.coerce.number()';
    default:
      return fieldType(field).filter === undefined ? undefined : fieldType(field).zod(field);
  }
}

function listQuerySource(fields: readonly Field[]): { source: string; imports: string[] } {
  const equal = fields.filter((field) => fieldType(field).filter === 'equal');
  const range = fields.filter((field) => fieldType(field).filter === 'range');
  const entries = (list: Field[]) => `{ ${list.map((field) => `${field.name}: ${queryZod(field)}`).join(', ')} }`;
  const parts = [`sort: ${literal(sortColumns(fields).filter((column) => column !== 'id'))}`];
  if (equal.length > 0) parts.push(`equal: ${entries(equal)}`);
  if (range.length > 0) parts.push(`range: ${entries(range)}`);
  const imports = ['listQuery'];
  if (equal.some((field) => field.type === 'boolean')) imports.push('queryBoolean');
  if (equal.some((field) => field.type === 'references')) imports.push('queryId');
  return { source: `listQuery({ ${parts.join(', ')} })`, imports };
}

const FIELD_SCHEMA_HELPERS = ['bigintString', 'decimalString', 'isoDate', 'isoDateTime', 'jsonObject'];

function referenceRule(parent: ResourceSpec | 'user'): TemplateReference['rule'] {
  if (parent === 'user') return 'exists';
  if (parent.access === 'owner') return 'owner';
  if (parent.access === 'admin') return 'admin';
  return parent.access === 'public-read' ? 'visible' : 'exists';
}

function collectionSource(spec: ResourceSpec): string {
  const names = resourceNames(spec.name);
  return spec.access === 'owner'
    ? `\`/api/users/\${as.user.id}/${names.plural.kebab}\``
    : `'/api${mountPath(spec.access, names.plural.kebab)}'`;
}

/** The collection URL of a parent everyone reads (public-read, admin-write); empty for any other. */
function publicPath(parent: ResourceSpec | 'user' | undefined): string {
  if (parent === undefined || parent === 'user' || parent.access === 'owner' || parent.access === 'admin') return '';
  return `/api${mountPath(parent.access, resourceNames(parent.name).plural.kebab)}`;
}

function makerName(target: string): string {
  return `make${resourceNames(target).singular.pascal}`;
}

/** Object literal source of `fields`' samples, parents made by their makers. */
function bodySource(fields: readonly Field[], parentOf: ParentOf, visibleWhen?: string): string {
  const entries = fields.map((field) => {
    // Rows of the bodies are visible to everyone, so every public test can read them.
    if (field.name === visibleWhen) return `${field.name}: true`;
    if (field.type !== 'references') return `${field.name}: ${fieldType(field).sample(field)}`;
    const parent = parentOf(field.target ?? '');
    return `${field.name}: ${parent === 'user' ? 'as.user.id' : `await ${makerName(field.target ?? '')}(as)`}`;
  });
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

const isRequired = (field: Field) =>
  !field.optional && field.defaultValue === undefined && field.generated === undefined;

/** Makers for every ancestor the bodies need, parents before children. */
function makersFor(fields: readonly Field[], parentOf: ParentOf, makers: Map<string, TestMaker>): void {
  for (const field of fields) {
    if (field.type !== 'references' || field.target === undefined) continue;
    const parent = parentOf(field.target);
    if (parent === undefined || parent === 'user' || makers.has(field.target)) continue;
    const required = parent.fields.filter(isRequired);
    makersFor(required, parentOf, makers);
    const visibleWhen = parent.visibleWhen ?? '';
    const plain = bodySource(required, parentOf);
    const visibility = `${visibleWhen}: visible`;
    const body =
      visibleWhen === '' ? plain : plain === '{}' ? `{ ${visibility} }` : `${plain.slice(0, -2)}, ${visibility} }`;
    const collection = collectionSource(parent);
    const byAdmin = parent.access === 'admin' || parent.access === 'admin-write';
    makers.set(field.target, {
      name: makerName(field.target),
      label: resourceNames(field.target).singular.words,
      usesAs: !byAdmin || /\bas\b/.test(`${body} ${collection}`),
      byAdmin,
      collection,
      body,
      visibleWhen,
    });
  }
}

function testData(spec: ResourceSpec, parentOf: ParentOf): TestData {
  const column = parentColumn(spec);
  // A nested resource takes its parent from the path: its bodies never hold it, its lists never filter by it.
  const fields = spec.fields.filter((field) => field.name !== column);
  const parentSpec = spec.parent === undefined ? undefined : parentOf(spec.parent);
  const parentNames = resourceNames(spec.parent ?? 'none');
  const required = fields.filter(isRequired);
  const defaults = Object.fromEntries(
    fields
      .filter((field) => (field.optional || field.defaultValue !== undefined) && field.generated === undefined)
      .map((field) => [field.name, field.defaultValue ?? null]),
  );
  const makers = new Map<string, TestMaker>();
  makersFor(spec.fields, parentOf, makers);
  const references = fields
    .filter((field) => field.type === 'references')
    .map((field) => {
      const parent = parentOf(field.target ?? '');
      return {
        field: field.name,
        label: resourceNames(field.target ?? '').singular.words,
        maker: parent === 'user' ? undefined : makerName(field.target ?? ''),
        crossUser: parent !== 'user' && parent?.access === 'owner',
        hiddenUntil: parent === 'user' ? '' : (parent?.visibleWhen ?? ''),
        parentPath: publicPath(parent),
        include: parent === 'user' ? '' : field.name.replace(/_id$/, ''),
      };
    });
  const includes = includesOf(spec, parentOf);
  const validBody = bodySource(fields, parentOf, spec.visibleWhen);
  const requiredBody = bodySource(required, parentOf);
  const equalFilters = fields.filter((field) => fieldType(field).filter === 'equal').map((field) => field.name);
  const rangeFilters = fields.filter((field) => fieldType(field).filter === 'range').map((field) => field.name);
  const unique = fields.filter((field) => field.unique).map((field) => field.name);
  const sorts = sortColumns(fields);
  const sharedByAdmins = spec.access === 'admin';
  const adminActs = spec.access === 'admin' || spec.access === 'admin-write';
  const needsAdmin =
    spec.access !== 'admin' && (spec.access === 'admin-write' || [...makers.values()].some((maker) => maker.byAdmin));
  return {
    equalFilters,
    rangeFilters,
    filters: equalFilters.length + rangeFilters.length > 0,
    validUsesAs: /\bas\b/.test(validBody),
    requiredUsesAs: /\bas\b/.test(requiredBody),
    unique,
    sorts,
    equalLiterals: equalFilters.map(literal),
    rangeLiterals: rangeFilters.map(literal),
    sortLiterals: sorts.map(literal),
    uniqueLiterals: unique.map(literal),
    enumValues: fields.flatMap((field) => (field.values ?? []).map((value) => literal([field.name, value]))),
    me: adminActs ? 'admin' : 'alice',
    other: sharedByAdmins ? 'otherAdmin' : 'bob',
    collectionMe: spec.access === 'owner' ? 'collection(alice)' : 'collection()',
    itemPrefix: spec.access === 'owner' ? 'alice, ' : '',
    sharedByAdmins,
    importsAdmin: sharedByAdmins || needsAdmin,
    publicReads: spec.access === 'public-read' || spec.access === 'admin-write',
    visibleWhen: spec.visibleWhen ?? '',
    nested: column !== undefined,
    parentField: column ?? '',
    parentIdParam: `${parentNames.singular.camel}Id`,
    parentMaker: makerName(spec.parent ?? 'none'),
    parentLabel: parentNames.singular.words,
    parentSentence: parentNames.singular.sentence,
    parentPath: publicPath(parentSpec),
    parentVisibleWhen: parentSpec === undefined || parentSpec === 'user' ? '' : (parentSpec.visibleWhen ?? ''),
    needsAdmin,
    validBody,
    requiredBody,
    defaults: literal(defaults),
    invalid: fields.flatMap((field) =>
      fieldType(field)
        .invalid(field)
        .map((value) => `[${literal(field.name)}, ${value}]`),
    ),
    required: required.map((field) => literal(field.name)),
    makers: [...makers.values()],
    references,
    includes: includes.map((include) => ({ name: include.name, field: include.field, label: include.label })),
    firstInclude: includes[0]?.name ?? '',
    usesSeq: [validBody, ...[...makers.values()].map((maker) => maker.body)].some((body) => body.includes('seq()')),
    needsParents: spec.fields.some((field) => field.type === 'references'),
  };
}

function indexesOf(spec: ResourceSpec, table: string): TemplateIndex[] {
  const owner = spec.access === 'owner';
  const scoped = (columns: string[]) => (owner ? ['user_id', ...columns] : columns);
  const indexes: TemplateIndex[] = [
    { name: `${table}_user_id_id`, columns: literal(['user_id', 'id']), unique: false },
  ];
  for (const column of sortColumns(spec.fields).filter((name) => name !== 'id')) {
    const columns = scoped([column, 'id']);
    indexes.push({ name: `${table}_${columns.join('_')}`, columns: literal(columns), unique: false });
  }
  for (const field of spec.fields) {
    // A foreign key needs an index of its own, or deleting a parent scans the whole child table.
    if (field.type === 'references') {
      // A nested list pages through one parent's rows by id: the key (parent, id) serves both.
      const columns = field.name === parentColumn(spec) ? [field.name, 'id'] : [field.name];
      indexes.push({ name: `${table}_${columns.join('_')}`, columns: literal(columns), unique: false });
    }
    if (field.unique)
      indexes.push({ name: `${table}_${field.name}_key`, columns: literal([field.name]), unique: true });
  }
  return indexes;
}

function templateReference(field: Field, parentOf: ParentOf): TemplateReference {
  const parent = parentOf(field.target ?? '') ?? 'user';
  const names = resourceNames(field.target ?? '');
  return {
    field: field.name,
    label: names.singular.words,
    rule: referenceRule(parent),
    visibleWhen: parent === 'user' ? '' : (parent.visibleWhen ?? ''),
    modelFunction: parent === 'user' ? 'defineUserModel' : `define${names.singular.pascal}Model`,
    modelImport: parent === 'user' ? '../../users/model' : `../${names.plural.kebab}/model`,
  };
}

function parentOfTemplate(spec: ResourceSpec, parentOf: ParentOf): TemplateParent | null {
  const field = spec.parent === undefined ? undefined : parentFields(spec, spec.parent)[0];
  if (field === undefined) return null;
  const names = resourceNames(field.target ?? '');
  return {
    ...templateReference(field, parentOf),
    idParam: `${names.singular.camel}Id`,
    sentence: names.singular.sentence,
  };
}

function includesOf(spec: ResourceSpec, parentOf: ParentOf): TemplateInclude[] {
  return spec.fields
    .filter((field) => field.type === 'references' && (parentOf(field.target ?? '') ?? 'user') !== 'user')
    .map((field) => {
      const names = resourceNames(field.target ?? '');
      return {
        ...templateReference(field, parentOf),
        name: field.name.replace(/_id$/, ''),
        fieldsName: `${names.singular.camel}Fields`,
        schemasImport: `../${names.plural.kebab}/schemas`,
      };
    });
}

/** The references create and update check: all but a nested resource's parent, which its path gives. */
function referencesOf(spec: ResourceSpec, parentOf: ParentOf): TemplateReference[] {
  const column = parentColumn(spec);
  return spec.fields
    .filter((field) => field.type === 'references' && field.name !== column)
    .map((field) => templateReference(field, parentOf));
}

/** The data every resource template renders from. `migrationName` is fixed by the caller (it holds a timestamp). */
export function templateData(
  spec: ResourceSpec,
  migrationName: string,
  parentOf: ParentOf = () => undefined,
): ResourceTemplateData {
  const names = resourceNames(spec.name);
  const path = mountPath(spec.access, names.plural.kebab, spec.parent);
  const column = parentColumn(spec);
  const idParam = `${names.singular.camel}Id`;
  const docCollection = `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
  const table = names.plural.snake;
  const fields = spec.fields.map(templateField);
  const list = listQuerySource(spec.fields.filter((field) => field.name !== column));
  const zodSources = [...fields.map((field) => field.zod), list.source].join(' ');
  const indexes = indexesOf(spec, table);
  const includes = includesOf(spec, parentOf);
  const checks = spec.fields
    .filter((field) => field.type === 'enum')
    .map((field) => ({ name: `${table}_${field.name}_check`, field: field.name, values: literal(field.values ?? []) }));
  return {
    s: names.singular,
    p: names.plural,
    access: spec.access,
    owner: spec.access === 'owner',
    admin: spec.access === 'admin',
    publicRead: spec.access === 'public-read',
    adminWrite: spec.access === 'admin-write',
    visibleWhen: spec.visibleWhen ?? '',
    table,
    folder: names.plural.kebab,
    path,
    parent: parentOfTemplate(spec, parentOf),
    bodyFields: fields.filter((field) => field.name !== column),
    idParam,
    docPaths: literal([docCollection, `${docCollection}/{${idParam}}`]),
    docProperties: literal([
      'id',
      'user_id',
      ...spec.fields.map((field) => field.name),
      'created_at',
      'updated_at',
      ...includes.map((include) => include.name),
    ]),
    specLine: specLine(spec),
    fields,
    fieldSchemaImports: FIELD_SCHEMA_HELPERS.filter((name) => zodSources.includes(`${name}(`)).join(', '),
    paginationImports: list.imports.join(', '),
    listQuery: list.source,
    indexes,
    checks,
    references: referencesOf(spec, parentOf),
    includes,
    includeNames: literal(includes.map((include) => include.name)),
    migrationName,
    identifiers: [
      table,
      ...spec.fields.map((field) => field.name),
      ...indexes.map((index) => index.name),
      ...checks.map((check) => check.name),
      ...spec.fields.filter((field) => field.type === 'references').map((field) => `${table}_${field.name}_fkey`),
      `${table}_pkey`,
      `${table}_id_seq`,
    ],
    test: testData(spec, parentOf),
  };
}
