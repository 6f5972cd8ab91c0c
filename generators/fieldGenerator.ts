// `plop field`: adds fields to a generated resource with a new migration, re-rendering its model, schemas and tests.
import { change, readIfExists, type FileChange } from './fileChanges';
import { parseFields } from './fieldSpec';
import { formatTypeScript } from './format';
import { GeneratorError } from './generatorError';
import { NAME_INPUT, resourceNames } from './naming';
import { migrationTimestamp, readSpec, RESOURCES_DIR } from './project';
import { render } from './render';
import { GOLDEN_RESOURCE, projectParents, referenceProblems, renderResource } from './resourceGenerator';
import { templateData } from './resourceSpec';

export interface FieldInput {
  resource: string;
  fields: string;
  timestamp?: string;
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

  const added = parseFields(input.fields ?? '', spec.fields);
  const problems = added
    .filter((field) => !field.optional && field.defaultValue === undefined && field.generated === undefined)
    .map((field) => `"${field.name}" must be optional (?) or have a default (=value): existing rows need a value`);
  problems.push(...referenceProblems({ ...spec, fields: added }, projectParents(root)));
  if (problems.length > 0) throw new GeneratorError(problems);

  // Re-rendering is only safe over files that are still exactly what the generator wrote.
  const current = await renderResource(root, spec, 'unused');
  const edited = [...current]
    .filter(([file]) => !file.includes('/migrations/'))
    .filter(([file, content]) => readIfExists(root, file) !== content)
    .map(([file]) => `${file} differs from the generator's output (edited by hand?); add the field there by hand`);
  if (edited.length > 0) throw new GeneratorError(edited);

  const next = { ...spec, fields: [...spec.fields, ...added] };
  const columns = added.map((field) => field.name);
  const migrationName = `${migrationTimestamp(root, input.timestamp)}-add-${columns
    .map((column) => column.replace(/_/g, '-'))
    .join('-')}-to-${plural.kebab}`;
  const changes = [...(await renderResource(root, next, migrationName))]
    .filter(([file]) => !file.includes('/migrations/'))
    .map(([file, content]) => change(root, file, content))
    .filter((item) => item.before !== item.after);
  const parentOf = projectParents(root);
  const fields = templateData({ ...next, fields: added }, '', parentOf).fields;
  const data = {
    ...templateData(next, migrationName, parentOf),
    columns,
    fields,
    usesSequelize: fields.some((field) => field.column.includes('sequelize.')),
  };
  const migration = await formatTypeScript(render('field/migration.ts.hbs', data), root);
  changes.push(change(root, `${dir}/migrations/${migrationName}.ts`, migration));
  return changes;
}
