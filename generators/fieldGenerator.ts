// `plop field`: adds fields to a generated resource, or values to one of its enums, with a new migration,
// re-rendering its model, schemas and tests.
import { enumLength, type Field } from './fieldTypes';
import { change, readIfExists, type FileChange } from './fileChanges';
import { formatFields, parseFields } from './fieldSpec';
import { formatTypeScript } from './format';
import { GeneratorError } from './generatorError';
import { NAME_INPUT, resourceNames } from './naming';
import { migrationTimestamp, readSpec, RESOURCES_DIR } from './project';
import { render } from './render';
import {
  GOLDEN_RESOURCE,
  identifierProblems,
  projectParents,
  referenceProblems,
  renderResource,
} from './resourceGenerator';
import { templateData, type ResourceSpec } from './resourceSpec';

export interface FieldInput {
  resource: string;
  fields: string;
  timestamp?: string;
}

/** The same field with its enum values left out, as a spec token: what must not change when values are added. */
const withoutValues = (field: Field): string => formatFields([{ ...field, values: [] }]);

/**
 * Why `after` cannot replace the existing field `before`, or undefined. Only an enum may be named again, with
 * every value it has (rows may hold them) and at least one more.
 */
function enumExtensionProblem(before: Field, after: Field, token: string): string | undefined {
  if (before.type !== 'enum' || after.type !== 'enum') {
    return `"${token}": duplicate field "${after.name}"; plop field adds new fields, or new values to an existing enum`;
  }
  const values = after.values ?? [];
  const removed = (before.values ?? []).filter((value) => !values.includes(value));
  if (removed.length > 0) {
    return `"${token}": ${removed.join(', ')} cannot be removed (rows may hold them); list every current value of "${after.name}" (${(before.values ?? []).join('|')}) and the new ones`;
  }
  if (withoutValues(before) !== withoutValues(after)) {
    return `"${token}": only the values of "${after.name}" can change; write it as ${formatFields([{ ...before, values }])}`;
  }
  if (values.length === (before.values ?? []).length) return `"${token}": "${after.name}" already has these values`;
  return undefined;
}

function migrationNameOf(added: Field[], extended: Field[], folder: string): string {
  const words = (fields: Field[]) => fields.map((field) => field.name.replace(/_/g, '-')).join('-');
  if (extended.length === 0) return `add-${words(added)}-to-${folder}`;
  return `${added.length > 0 ? `add-${words(added)}-` : ''}extend-${words(extended)}-of-${folder}`;
}

/** Every file change `plop field` makes; nothing is written. */
export async function planFields(root: string, input: FieldInput): Promise<FileChange[]> {
  const name = input.resource.trim();
  if (!NAME_INPUT.test(name)) throw new GeneratorError([`"${input.resource}" is not a resource name`]);
  const { plural } = resourceNames(name);
  const dir = `${RESOURCES_DIR}/${plural.kebab}`;
  if (plural.kebab === GOLDEN_RESOURCE) {
    throw new GeneratorError([`${dir} is the generator's golden output; generate a resource of your own to extend`]);
  }
  const spec = readSpec(root, plural.kebab);
  if (!spec) throw new GeneratorError([`${dir} is not a generated resource (no index.ts with a rampart:spec line)`]);

  const listed = parseFields(input.fields ?? '');
  const existing = new Map(spec.fields.map((field) => [field.name, field]));
  const added = listed.filter((field) => !existing.has(field.name));
  const extended = listed.filter((field) => existing.has(field.name));
  const problems = added
    .filter((field) => !field.optional && field.defaultValue === undefined && field.generated === undefined)
    .map((field) => `"${field.name}" must be optional (?) or have a default (=value): existing rows need a value`);
  for (const field of extended) {
    const problem = enumExtensionProblem(existing.get(field.name) as Field, field, formatFields([field]));
    if (problem) problems.push(problem);
  }
  const parentOf = projectParents(root);
  const next: ResourceSpec = {
    ...spec,
    fields: [...spec.fields.map((field) => extended.find((item) => item.name === field.name) ?? field), ...added],
  };
  problems.push(...referenceProblems({ ...spec, fields: added }, parentOf), ...identifierProblems(next, parentOf));
  if (problems.length > 0) throw new GeneratorError(problems);

  // Re-rendering is only safe over files that are still exactly what the generator wrote.
  const current = await renderResource(root, spec, 'unused', parentOf);
  const edited = [...current]
    .filter(([file]) => !file.includes('/migrations/'))
    .filter(([file, content]) => readIfExists(root, file) !== content)
    .map(([file]) => `${file} differs from the generator's output (edited by hand?); add the field there by hand`);
  if (edited.length > 0) throw new GeneratorError(edited);

  const migrationName = `${migrationTimestamp(root, input.timestamp)}-${migrationNameOf(added, extended, plural.kebab)}`;
  const changes = [...(await renderResource(root, next, migrationName, parentOf))]
    .filter(([file]) => !file.includes('/migrations/'))
    .map(([file, content]) => change(root, file, content))
    .filter((item) => item.before !== item.after);
  const migration = await formatTypeScript(
    render('field/migration.ts.hbs', migrationData(spec, next, added, extended, parentOf)),
    root,
  );
  changes.push(change(root, `${dir}/migrations/${migrationName}.ts`, migration));
  return changes;
}

/** What the field migration creates: the new columns, the indexes and CHECKs they bring, and widened enums. */
function migrationData(
  spec: ResourceSpec,
  next: ResourceSpec,
  added: Field[],
  extended: Field[],
  parentOf: Parameters<typeof templateData>[2],
) {
  const before = templateData(spec, '', parentOf);
  const after = templateData(next, '', parentOf);
  const fields = templateData({ ...next, fields: added }, '', parentOf).fields;
  const oldCheck = new Map(before.checks.map((check) => [check.name, check]));
  const previous = new Map(spec.fields.map((field) => [field.name, field]));
  const lengths = extended.map((field) => ({
    field: field.name,
    length: enumLength(field),
    oldLength: enumLength(previous.get(field.name) as Field),
  }));
  return {
    table: after.table,
    columns: [...added, ...extended].map((field) => field.name),
    fields,
    indexes: after.indexes.filter((index) => !before.indexes.some((old) => old.name === index.name)),
    checks: after.checks
      .filter((check) => oldCheck.get(check.name)?.values !== check.values)
      .map((check) => ({ ...check, old: oldCheck.get(check.name) ?? null })),
    widened: lengths.filter((item) => item.length > item.oldLength),
    usesSequelize: fields.some((field) => field.column.includes('sequelize.')),
  };
}
