// The plop generators (resource, resource:remove, field): prompts that validate as you type, one all-or-nothing action.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ActionType, NodePlopAPI, PromptQuestion } from 'node-plop';
import { planFields } from './fieldGenerator';
import { parseFields } from './fieldSpec';
import { applyChanges, describeChanges, type FileChange } from './fileChanges';
import { GeneratorError } from './generatorError';
import { nameProblems, planRemoval, planResource } from './resourceGenerator';
import { ACCESS_MODES } from './resourceSpec';

type Answers = Record<string, unknown>;

/** An answer as text: prompts give strings, flags after `--` may arrive as numbers or booleans. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** A prompt for the terminal; without one (CI, scripts) it fails at once instead of waiting for input. */
const MISSING = 'rampart-missing-answer';

function problemsToAnswer(problems: string[]): true | string {
  return problems.length === 0 ? true : problems.join('; ');
}

function validateFields(value: unknown): true | string {
  try {
    parseFields(text(value));
    return true;
  } catch (err) {
    if (err instanceof GeneratorError) return problemsToAnswer(err.problems);
    throw err;
  }
}

/** Options only given on the command line (after `--`), never asked. */
const hidden = (name: string, message: string): PromptQuestion => ({ type: 'input', name, message, when: false });

/** `--dry-run` lists the changes; `--dry-run=full` also prints every new file. */
function dryRunOf(answers: Answers): false | 'list' | 'full' {
  const value = answers['dry-run'];
  if (value === 'full') return 'full';
  return value === true || value === 'true' ? 'list' : false;
}

function forceOf(answers: Answers): boolean {
  return answers.force === true || answers.force === 'true';
}

function timestampOf(answers: Answers): string | undefined {
  return typeof answers.timestamp === 'string' ? answers.timestamp : undefined;
}

/** Plans, then prints (--dry-run) or applies every change at once; a refusal writes nothing. */
function runPlan(root: string, plan: (answers: Answers) => Promise<FileChange[]>): ActionType {
  return async (answers: Answers) => {
    let changes: FileChange[];
    try {
      changes = await plan(answers);
    } catch (err) {
      if (err instanceof GeneratorError) throw new Error(`refused, nothing was written: ${err.message}`);
      throw err;
    }
    const dryRun = dryRunOf(answers);
    if (dryRun) {
      process.stdout.write(`${describeChanges(changes, dryRun === 'full')}\n`);
      return `dry run: ${changes.length} file(s) would change, nothing was written`;
    }
    applyChanges(root, changes);
    const verb = (item: FileChange) => (item.before === null ? 'created' : item.after === null ? 'deleted' : 'updated');
    // One line per file on stdout; plop prints the returned summary as the action's single line.
    process.stdout.write(changes.map((item) => `${verb(item)} ${item.path}\n`).join(''));
    const counts = ['created', 'updated', 'deleted']
      .map((kind) => [kind, changes.filter((item) => verb(item) === kind).length] as const)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${count} ${kind}`);
    return `${changes.length} file(s) written: ${counts.join(', ')}${clientHint(root)}`;
  };
}

// Not imported from generators/client: that folder loads openapi-typescript, and --no-example projects drop it.
const CLIENT_SCHEMA = 'client/schema.ts';

/**
 * A project with the typed client is told how to bring it up to date with the API the generator just changed.
 * Regenerating it here would double the generator's time (it loads the app and the TypeScript compiler), so it
 * stays a step of its own, which CI's `client:check` holds the project to.
 */
function clientHint(root: string): string {
  return existsSync(path.join(root, CLIENT_SCHEMA)) ? `; next: \`npm run client\` updates ${CLIENT_SCHEMA}` : '';
}

export function registerGenerators(plop: NodePlopAPI, root: string, interactive: boolean): void {
  plop.setPrompt(MISSING, MissingAnswerPrompt as never);
  const ask = (question: PromptQuestion): PromptQuestion => (interactive ? question : { ...question, type: MISSING });

  plop.setGenerator('resource', {
    description: 'an owned, validated, tested CRUD resource (model, migration, schemas, routes, tests)',
    prompts: [
      ask({
        type: 'input',
        name: 'name',
        message: 'Resource name (singular, e.g. bookmark or blog-post):',
        validate: (value: unknown) => problemsToAnswer(nameProblems(root, text(value))),
      }),
      ask({
        type: 'input',
        name: 'fields',
        message: 'Fields (e.g. url:string title:string(200)? starred:boolean=false kind:enum(link|video)):',
        validate: validateFields,
      }),
      interactive
        ? { type: 'list', name: 'access', message: 'Who may use it?', choices: [...ACCESS_MODES], default: 'owner' }
        : hidden('access', 'Access mode'),
      hidden('visible-when', 'Boolean field that makes a public-read row visible to everyone'),
      hidden('parent', 'Referenced resource to nest the routes under'),
      hidden('dry-run', 'Only print the changes'),
      hidden('timestamp', 'Migration timestamp (YYYYMMDDHHMMSS)'),
    ],
    actions: [
      runPlan(root, (answers) =>
        planResource(root, {
          name: text(answers.name),
          fields: text(answers.fields),
          access: typeof answers.access === 'string' ? answers.access : undefined,
          visibleWhen: text(answers['visible-when']) || undefined,
          parent: text(answers.parent) || undefined,
          timestamp: timestampOf(answers),
        }),
      ),
    ],
  });

  plop.setGenerator('resource:remove', {
    description: 'removes a generated resource: its folder and registration, and adds a migration that drops its table',
    prompts: [
      ask({ type: 'input', name: 'name', message: 'Resource to remove (e.g. bookmark):' }),
      hidden('dry-run', 'Only print the changes'),
      hidden('force', 'Delete files edited by hand too'),
      hidden('timestamp', 'Migration timestamp (YYYYMMDDHHMMSS)'),
    ],
    actions: [
      runPlan(root, (answers) =>
        planRemoval(root, { name: text(answers.name), force: forceOf(answers), timestamp: timestampOf(answers) }),
      ),
    ],
  });

  plop.setGenerator('field', {
    description: 'adds fields to a generated resource (migration, model, schemas, tests)',
    prompts: [
      ask({ type: 'input', name: 'resource', message: 'Resource (e.g. bookmark):' }),
      ask({
        type: 'input',
        name: 'fields',
        message: 'New fields (optional "?" or with a default "=value"):',
        validate: validateFields,
      }),
      hidden('dry-run', 'Only print the changes'),
      hidden('timestamp', 'Migration timestamp (YYYYMMDDHHMMSS)'),
    ],
    actions: [
      runPlan(root, (answers) =>
        planFields(root, {
          resource: text(answers.resource),
          fields: text(answers.fields),
          timestamp: timestampOf(answers),
        }),
      ),
    ],
  });
}

/** Stands in for a prompt when stdin is not a terminal: names the missing option instead of hanging. */
class MissingAnswerPrompt {
  constructor(private readonly question: { name: string }) {}

  run(): Promise<never> {
    const { name } = this.question;
    return Promise.reject(
      new Error(
        `--${name} is required when stdin is not a terminal, e.g. npx plop resource -- --name bookmark --fields "url:string"`,
      ),
    );
  }
}
