// Checklist: the plop commands as users run them (non-interactive `--` flags, positional bypass, dry run, refusals, remove).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatFields } from '../../generators/fieldSpec';
import { readSpec } from '../../generators/project';
import { copyProject, plop, REPO_ROOT, removeProject, snapshot } from './support/tempProject';

const BOOKMARK = 'url:string title:string? starred:boolean=false visits:integer=0 kind:enum(link|video)';

// Each command is a real node process loading plop and the TypeScript plopfile.
jest.setTimeout(60_000);

let root: string;
beforeEach(() => {
  root = copyProject();
});
afterEach(() => removeProject(root));

const output = (result: { stdout: string; stderr: string }) => `${result.stdout}${result.stderr}`;

describe('npx plop resource', () => {
  it('generates and registers a resource from flags after --, without a terminal', () => {
    const result = plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK]);
    expect(result.status).toBe(0);
    expect(output(result)).toContain('created src/resources/bookmarks/routes.ts');
    expect(existsSync(path.join(root, 'src/resources/bookmarks/bookmarks.test.ts'))).toBe(true);
    expect(readFileSync(path.join(root, 'src/resources/index.ts'), 'utf8')).toContain('  bookmarksResource,');
  });

  it('prints one line per file and a one-line summary, with no spinner lines, in a CI log', () => {
    const result = plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK], { asInCi: true });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^(created src\/resources\/bookmarks\/[\w./-]+\n){6}updated src\/resources\/index\.ts\n$/,
    );
    expect(result.stderr).toMatch(/^\S+ +-> 7 file\(s\) written: 6 created, 1 updated\n$/);
  });

  it('gives the same files with plop positional bypass', () => {
    const flags = plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK, '--access', 'admin']);
    const positional = copyProject();
    try {
      const bypass = plop(positional, ['resource', 'bookmark', BOOKMARK, 'admin']);
      expect([flags.status, bypass.status]).toEqual([0, 0]);
      const strip = (files: Record<string, string>) =>
        Object.fromEntries(Object.entries(files).map(([file, content]) => [file.replace(/\d{14}/, 'STAMP'), content]));
      expect(strip(snapshot(positional, 'src/resources'))).toEqual(strip(snapshot(root, 'src/resources')));
    } finally {
      removeProject(positional);
    }
  });

  it('regenerates the golden todos resource exactly', () => {
    const spec = readSpec(REPO_ROOT, 'todos');
    if (!spec) throw new Error('src/resources/todos/index.ts has no rampart:spec line');
    const table = path.join(root, 'src/resources/index.ts');
    const original = readFileSync(table, 'utf8');
    rmSync(path.join(root, 'src/resources/todos'), { recursive: true });
    writeFileSync(
      table,
      original.replace("import { todosResource } from './todos';\n", '').replace('  todosResource,\n', ''),
    );
    const regenerated = plop(root, [
      'resource',
      '--',
      '--name',
      spec.name,
      '--access',
      spec.access,
      '--fields',
      formatFields(spec.fields),
      '--timestamp',
      '20261125000300',
    ]);
    expect(regenerated.status).toBe(0);
    expect(snapshot(root, 'src/resources/todos')).toEqual(snapshot(REPO_ROOT, 'src/resources/todos'));
    expect(readFileSync(table, 'utf8')).toBe(original);
  });

  it('prints the planned files and the route table diff on --dry-run, and writes nothing', () => {
    const before = snapshot(root);
    const result = plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK, '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('create  src/resources/bookmarks/model.ts');
    expect(result.stdout).toContain('modify  src/resources/index.ts');
    expect(result.stdout).toContain("+import { bookmarksResource } from './bookmarks';");
    expect(result.stdout).not.toContain('export function createBookmarksRouter');
    expect(snapshot(root)).toEqual(before);
  });

  it('prints every new file on --dry-run=full', () => {
    const result = plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK, '--dry-run=full']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('export function createBookmarksRouter');
  });

  // Every refusal is covered in resourceGenerator.test.ts; these prove the CLI exits 1 and writes nothing.
  it.each([
    [['--name', 'todo', '--fields', 'title:string'], 'collides with the existing resource'],
    [['--name', 'users', '--fields', 'title:string'], 'collides with a route of the base app'],
    [['--name', 'bookmark', '--fields', 'kind:strin'], 'unknown type'],
    [['--name', 'bookmark', '--fields', 'a:string', '--access', 'everyone'], 'access must be one of'],
    [['--fields', 'a:string'], '--name is required when stdin is not a terminal'],
    [['--name', 'external-identity', '--fields', 'a:string'], 'collides with the existing table external_identities'],
    [['--name', 'note', '--fields', 'post:references'], 'there is no generated resource src/resources/posts'],
    [
      ['--name', 'post', '--fields', 'title:string published:boolean=false', '--visible-when', 'published'],
      '--visible-when only applies to --access public-read',
    ],
  ])('refuses %p with exit code 1 and leaves the tree as it was', (flags, message) => {
    const before = snapshot(root);
    const result = plop(root, ['resource', '--', ...flags]);
    expect(result.status).toBe(1);
    expect(output(result)).toContain(message);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('npx plop resource:remove and field', () => {
  it('removes a generated resource and its registration, and adds a migration that drops its table', () => {
    const before = snapshot(root, 'src/resources');
    expect(plop(root, ['resource', '--', '--name', 'blog-post', '--fields', 'title:string']).status).toBe(0);
    const dryRun = plop(root, ['resource:remove', '--', '--name', 'blog-post', '--dry-run']);
    expect(dryRun.stdout).toContain('delete  src/resources/blog-posts/routes.ts');
    expect(dryRun.stdout).toMatch(/create {2}src\/db\/migrations\/\d{14}-drop-blog-posts\.ts/);
    expect(plop(root, ['resource:remove', 'blog-post']).status).toBe(0);
    expect(snapshot(root, 'src/resources')).toEqual(before);
    expect(Object.keys(snapshot(root, 'src/db/migrations')).some((file) => file.endsWith('-drop-blog-posts.ts'))).toBe(
      true,
    );
  });

  it('refuses to remove a resource whose files were edited by hand, unless --force', () => {
    expect(plop(root, ['resource', '--', '--name', 'blog-post', '--fields', 'title:string']).status).toBe(0);
    const routes = path.join(root, 'src/resources/blog-posts/routes.ts');
    writeFileSync(routes, `${readFileSync(routes, 'utf8')}// mine\n`);
    const refused = plop(root, ['resource:remove', 'blog-post']);
    expect(refused.status).toBe(1);
    expect(output(refused)).toContain('src/resources/blog-posts/routes.ts differs');
    expect(existsSync(routes)).toBe(true);
    expect(plop(root, ['resource:remove', '--', '--name', 'blog-post', '--force']).status).toBe(0);
    expect(existsSync(routes)).toBe(false);
  });

  it('adds a field with a new migration', () => {
    expect(plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK]).status).toBe(0);
    const result = plop(root, ['field', '--', '--resource', 'bookmark', '--fields', 'note:text?']);
    expect(result.status).toBe(0);
    expect(output(result)).toMatch(/created src\/resources\/bookmarks\/migrations\/\d{14}-add-note-to-bookmarks\.ts/);
    expect(readFileSync(path.join(root, 'src/resources/bookmarks/schemas.ts'), 'utf8')).toContain('note:');
  });
});

describe('the typed client', () => {
  const HINT = 'next: `npm run client` updates client/schema.ts';

  it('is left to `npm run client`, which every generator names in its summary when the project has the client', () => {
    cpSync(path.join(REPO_ROOT, 'client'), path.join(root, 'client'), { recursive: true });
    const before = readFileSync(path.join(root, 'client/schema.ts'), 'utf8');
    const generated = plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK]);
    expect(generated.stdout).toContain(`file(s) written: 6 created, 1 updated; ${HINT}`);
    expect(output(plop(root, ['field', '--', '--resource', 'bookmark', '--fields', 'note:text?']))).toContain(HINT);
    expect(output(plop(root, ['resource:remove', 'bookmark']))).toContain(HINT);
    expect(readFileSync(path.join(root, 'client/schema.ts'), 'utf8')).toBe(before);
  });

  it('is not mentioned in a project without it (`npm run new --no-example`)', () => {
    const generated = plop(root, ['resource', '--', '--name', 'bookmark', '--fields', BOOKMARK]);
    expect(generated.status).toBe(0);
    expect(output(generated)).not.toContain('npm run client');
  });
});
