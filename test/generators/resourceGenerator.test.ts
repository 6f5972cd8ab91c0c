// Checklist: the generators' plans (golden output, refusals, access modes, registration, removal, fields, rollback).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planFields } from '../../generators/fieldGenerator';
import { applyChanges, describeChanges } from '../../generators/fileChanges';
import { GeneratorError } from '../../generators/generatorError';
import { readSpec } from '../../generators/project';
import { planRemoval, planResource, registrationOf } from '../../generators/resourceGenerator';
import { formatFields, parseFields } from '../../generators/fieldSpec';
import { specLine } from '../../generators/resourceSpec';
import { addRegistration, removeRegistration, ROUTE_TABLE } from '../../generators/routeTable';
import { copyProject, REPO_ROOT, removeProject, snapshot } from './support/tempProject';

const BOOKMARK = 'url:string title:string? starred:boolean=false visits:integer=0 kind:enum(link|video)';
const TODO_MIGRATION = '20261125000300';

let root: string;
beforeEach(() => {
  root = copyProject();
});
afterEach(() => removeProject(root));

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof GeneratorError) return err.message;
    throw err;
  }
  throw new Error('the generator did not refuse');
}

describe('golden output', () => {
  it('regenerates src/resources/todos byte for byte from the spec in its index.ts', async () => {
    const spec = readSpec(REPO_ROOT, 'todos');
    if (!spec) throw new Error('src/resources/todos/index.ts has no rampart:spec line');
    rmSync(path.join(root, 'src/resources/todos'), { recursive: true });
    const table = readFileSync(path.join(root, ROUTE_TABLE), 'utf8');
    writeFileSync(path.join(root, ROUTE_TABLE), removeRegistration(table, registrationOf(spec)));

    const changes = await planResource(root, {
      name: spec.name,
      access: spec.access,
      fields: formatFields(spec.fields),
      timestamp: TODO_MIGRATION,
    });
    applyChanges(root, changes);

    expect(snapshot(root, 'src/resources/todos')).toEqual(snapshot(REPO_ROOT, 'src/resources/todos'));
    expect(readFileSync(path.join(root, ROUTE_TABLE), 'utf8')).toBe(table);
  });
});

describe('resource', () => {
  it('plans one folder, mirroring the template tree, and one registration', async () => {
    const changes = await planResource(root, { name: 'bookmark', fields: BOOKMARK, timestamp: '20300101000000' });
    expect(changes.map((item) => item.path)).toEqual([
      'src/resources/bookmarks/bookmarks.test.ts',
      'src/resources/bookmarks/index.ts',
      'src/resources/bookmarks/migrations/20300101000000-create-bookmarks.ts',
      'src/resources/bookmarks/model.ts',
      'src/resources/bookmarks/routes.ts',
      'src/resources/bookmarks/schemas.ts',
      ROUTE_TABLE,
    ]);
    const table = changes.at(-1)?.after ?? '';
    expect(table).toContain("import { bookmarksResource } from './bookmarks';");
    expect(table).toContain('  bookmarksResource,');
  });

  it('names the migration after the newest existing one when the clock is behind', async () => {
    const future = path.join(root, 'src/db/migrations/29991231235959-from-the-future.ts');
    writeFileSync(future, 'export {};\n');
    const changes = await planResource(root, { name: 'bookmark', fields: BOOKMARK });
    expect(changes.map((item) => item.path)).toContain(
      'src/resources/bookmarks/migrations/30000101000000-create-bookmarks.ts',
    );
  });

  it.each([
    ['owner', "'/users/:userId/bookmarks'", ['requireOwner', 'ownedRepository(']],
    ['admin', "'/admin/bookmarks'", ['requireAdmin', 'sharedRepository(']],
    ['public-read', "'/bookmarks'", ['sharedRepository(', 'ownedRepository(', "'/',\n    requireAuth,"]],
    ['admin-write', "'/bookmarks'", ['sharedRepository(', 'requireAdmin', "'/',\n    ...adminOnly,"]],
  ])('mounts the %s mode at %s with its guards', async (access, mount, guards) => {
    const changes = await planResource(root, { name: 'bookmark', fields: BOOKMARK, access });
    const file = (name: string) => changes.find((item) => item.path.endsWith(name))?.after ?? '';
    expect(file('bookmarks/index.ts')).toContain(`path: ${mount},`);
    for (const guard of guards) expect(file('bookmarks/routes.ts')).toContain(guard);
    expect(file('bookmarks/index.ts')).toContain(`--access ${access}`);
  });

  it.each([
    ['todo', 'collides with the existing resource src/resources/todos'],
    ['todos', 'collides with the existing resource'],
    ['user', 'collides with a route of the base app'],
    ['users', 'collides with a route of the base app'],
    ['auth', 'collides with a route of the base app'],
    ['admin', 'collides with a route of the base app'],
    ['health', 'collides with a route of the base app'],
    ['class', 'JavaScript reserved word'],
    ['external-identity', 'collides with the existing table external_identities'],
    ['rate-limit-hit', 'collides with the existing table rate_limit_hits'],
    ['schema-migration', 'collides with the existing table schema_migrations'],
    ['body', 'a name the generated code already uses'],
    ['req', 'a name the generated code already uses'],
    ['a'.repeat(50), "PostgreSQL's 63-byte limit"],
    ['news', 'same singular and plural'],
    ['blog post', 'is not a resource name'],
    ['1st-thing', 'is not a resource name'],
    ['drop;table', 'is not a resource name'],
    ['', 'is not a resource name'],
  ])('refuses the name %p and writes nothing', async (name, message) => {
    const before = snapshot(root);
    expect(await refusal(planResource(root, { name, fields: 'title:string' }))).toContain(message);
    expect(snapshot(root)).toEqual(before);
  });

  it.each([
    ['kind:strin', 'unknown type'],
    ['a:string a:text', 'duplicate field'],
    ['id:integer', 'reserved'],
    ['user_id:integer', 'reserved'],
    ['created_at:datetime', 'reserved'],
    ['updated_at:datetime', 'reserved'],
    ['save:string', 'shadow the Sequelize model member'],
    ['limit:integer', 'query parameter of every list'],
    ['post:references', 'there is no generated resource src/resources/posts'],
    [`${'c'.repeat(64)}:string`, '63-byte'],
    [`${'c'.repeat(50)}:string:unique`, 'longer than 63 bytes'],
  ])('refuses the fields %p and writes nothing', async (fields, message) => {
    const before = snapshot(root);
    expect(await refusal(planResource(root, { name: 'bookmark', fields }))).toContain(message);
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses an unknown access mode', async () => {
    expect(await refusal(planResource(root, { name: 'bookmark', fields: BOOKMARK, access: 'everyone' }))).toContain(
      'access must be one of owner, admin, public-read, admin-write',
    );
  });

  it('refuses when the route table lost its markers, before writing anything', async () => {
    writeFileSync(path.join(root, ROUTE_TABLE), 'export const resources = [];\n');
    const before = snapshot(root);
    expect(await refusal(planResource(root, { name: 'bookmark', fields: BOOKMARK }))).toContain('lost its markers');
    expect(snapshot(root)).toEqual(before);
  });

  it('never registers a resource twice', async () => {
    const table = readFileSync(path.join(root, ROUTE_TABLE), 'utf8');
    const once = addRegistration(table, registrationOf({ name: 'bookmark' }));
    expect(addRegistration(once, registrationOf({ name: 'bookmark' }))).toBe(once);
    applyChanges(root, await planResource(root, { name: 'bookmark', fields: BOOKMARK }));
    expect(await refusal(planResource(root, { name: 'bookmark', fields: BOOKMARK }))).toContain('collides');
    const registered = readFileSync(path.join(root, ROUTE_TABLE), 'utf8');
    expect(registered.split('bookmarksResource,')).toHaveLength(2);
  });

  it('describes a dry run: new files by name, modified ones as a diff', async () => {
    const text = describeChanges(await planResource(root, { name: 'bookmark', fields: BOOKMARK }));
    expect(text).toContain('create  src/resources/bookmarks/routes.ts');
    expect(text).toContain(`modify  ${ROUTE_TABLE}`);
    expect(text).toContain("+import { bookmarksResource } from './bookmarks';");
  });
});

describe('resource:remove', () => {
  it('removes the folder and registration, and moves its migrations forward with one that drops the table', async () => {
    const before = snapshot(root, 'src/resources');
    applyChanges(
      root,
      await planResource(root, { name: 'blog-post', fields: 'title:string', timestamp: '20300101000000' }),
    );
    applyChanges(root, await planRemoval(root, { name: 'BlogPost', timestamp: '20300101000100' }));
    expect(snapshot(root, 'src/resources')).toEqual(before);
    const moved = readFileSync(path.join(root, 'src/db/migrations/20300101000000-create-blog-posts.ts'), 'utf8');
    expect(moved).toContain("import type { Migration } from '../migrate';");
    expect(moved).toContain('resource:remove blog-posts');
    const drop = readFileSync(path.join(root, 'src/db/migrations/20300101000100-drop-blog-posts.ts'), 'utf8');
    expect(drop).toContain("dropTable('blog_posts')");
  });

  it('lets a removed resource be generated again, with a newer migration', async () => {
    applyChanges(
      root,
      await planResource(root, { name: 'blog-post', fields: 'title:string', timestamp: '20300101000000' }),
    );
    applyChanges(root, await planRemoval(root, 'blog-post'));
    const again = await planResource(root, { name: 'blog-post', fields: 'title:string' });
    const migration = again.find((item) => item.path.includes('/migrations/'))?.path ?? '';
    expect(path.basename(migration) > '20300101000001').toBe(true);
  });

  it.each([
    ['todo', "the base app's example resource"],
    ['bookmark', 'there is no resource'],
  ])('refuses to remove %s', async (name, message) => {
    expect(await refusal(planRemoval(root, name))).toContain(message);
  });

  it('refuses a folder the generator did not make', async () => {
    mkdirSync(path.join(root, 'src/resources/widgets'));
    writeFileSync(path.join(root, 'src/resources/widgets/index.ts'), 'export {};\n');
    expect(await refusal(planRemoval(root, 'widget'))).toContain('was not made by the generator');
  });

  it('refuses to delete files edited by hand, listing them, unless --force', async () => {
    applyChanges(root, await planResource(root, { name: 'bookmark', fields: BOOKMARK }));
    const routes = path.join(root, 'src/resources/bookmarks/routes.ts');
    writeFileSync(routes, `${readFileSync(routes, 'utf8')}// a hand edit\n`);
    const message = await refusal(planRemoval(root, 'bookmark'));
    expect(message).toContain('src/resources/bookmarks/routes.ts differs');
    expect(message).not.toContain('model.ts');
    const forced = await planRemoval(root, { name: 'bookmark', force: true });
    expect(forced.map((item) => item.path)).toContain('src/resources/bookmarks/routes.ts');
  });

  it('refuses to remove a resource another one references', async () => {
    applyChanges(root, await planResource(root, { name: 'customer', fields: 'name:string' }));
    applyChanges(
      root,
      await planResource(root, { name: 'invoice', fields: 'customer:references total:decimal(10,2)' }),
    );
    expect(await refusal(planRemoval(root, 'customer'))).toContain('src/resources/invoices references it');
  });
});

describe('references', () => {
  it('checks the parent the caller may use in create and update, and adds a foreign key and an index', async () => {
    applyChanges(root, await planResource(root, { name: 'customer', fields: 'name:string' }));
    const changes = await planResource(root, { name: 'invoice', fields: 'customer:references{cascade} note:text?' });
    const file = (name: string) => changes.find((item) => item.path.endsWith(name))?.after ?? '';
    expect(file('invoices/routes.ts')).toContain(
      "{ field: 'customer_id', parent: defineCustomerModel(db.sequelize), rule: 'owner', label: 'customer' }",
    );
    expect(file('invoices/routes.ts').split('await checkReferences(references, currentUser(req), body);')).toHaveLength(
      3,
    );
    expect(file('create-invoices.ts')).toMatch(
      /customer_id: \{[^}]*references: \{ model: 'customers', key: 'id' \},\s*onDelete: 'CASCADE'/,
    );
    expect(file('create-invoices.ts')).toContain("addIndex('invoices', ['customer_id']");
    expect(file('invoices.test.ts')).toContain("answers 422 naming customer_id for another user's customer");
  });

  it.each([
    ['public-read', 'visible'],
    ['admin-write', 'exists'],
  ])('lets anyone use a %s parent that exists (rule %s)', async (access, rule) => {
    applyChanges(root, await planResource(root, { name: 'post', fields: 'title:string', access }));
    const changes = await planResource(root, { name: 'comment', fields: 'post:references body_text:text' });
    expect(changes.find((item) => item.path.endsWith('comments/routes.ts'))?.after).toContain(`rule: '${rule}'`);
  });

  it('refuses an admin-only parent for a resource non-admins write', async () => {
    applyChanges(root, await planResource(root, { name: 'flag', fields: 'key:string', access: 'admin' }));
    expect(await refusal(planResource(root, { name: 'note', fields: 'flag:references' }))).toContain(
      'src/resources/flags is admin-only',
    );
  });

  it('names migrations so a child created in the same second runs after its parent', async () => {
    const parent = await planResource(root, { name: 'customer', fields: 'name:string' });
    applyChanges(root, parent);
    const child = await planResource(root, { name: 'invoice', fields: 'customer:references' });
    const stamp = (changes: typeof parent) =>
      path.basename(changes.find((item) => item.path.includes('/migrations/'))?.path ?? '');
    expect(stamp(child) > stamp(parent)).toBe(true);
  });
});

describe('visible-when', () => {
  const POST = 'title:string published:boolean=false';
  const file = (changes: { path: string; after: string | null }[], name: string) =>
    changes.find((item) => item.path.endsWith(name))?.after ?? '';

  it('hides rows from everyone but their owner until the field is true, and tests it', async () => {
    const changes = await planResource(root, {
      name: 'post',
      fields: POST,
      access: 'public-read',
      visibleWhen: 'published',
    });
    const routes = file(changes, 'posts/routes.ts');
    expect(routes).toContain("visibleRepository(model, storedRow(postFields), 'published')");
    expect(routes.split('identify,')).toHaveLength(3);
    expect(routes).toContain('await visiblePosts.list(req.user?.id, query)');
    expect(routes).toContain('await visiblePosts.find(req.user?.id, params.postId)');
    expect(routes).not.toContain('sharedRepository');
    const tests = file(changes, 'posts.test.ts');
    expect(tests).toContain(
      "hides another user's draft from lists and reads, answering 404 exactly as for a missing row",
    );
    expect(tests).toContain('shows the owner their draft, in lists and reads');
    expect(tests).toContain('shows it to everyone once published is set');
    expect(file(changes, 'posts/index.ts')).toContain(
      '// rampart:spec post --access public-read --visible-when published --fields',
    );
  });

  it('takes the field in camelCase too, as fields are', async () => {
    const changes = await planResource(root, {
      name: 'post',
      fields: 'title:string isPublic:boolean=false',
      access: 'public-read',
      visibleWhen: 'isPublic',
    });
    expect(file(changes, 'posts/routes.ts')).toContain("storedRow(postFields), 'is_public')");
  });

  it.each([
    ['public-read', 'title:string', 'published', '"published" is not a field of this resource'],
    ['public-read', 'title:string published:text', 'published', 'must be a required boolean field'],
    ['public-read', 'title:string published:boolean?', 'published', 'must be a required boolean field'],
    ['owner', POST, 'published', 'only applies to --access public-read (got "owner")'],
    ['admin-write', POST, 'published', 'only applies to --access public-read'],
  ])(
    'refuses %s with fields %p and --visible-when %s, writing nothing',
    async (access, fields, visibleWhen, message) => {
      const before = snapshot(root);
      expect(await refusal(planResource(root, { name: 'post', fields, access, visibleWhen }))).toContain(message);
      expect(snapshot(root)).toEqual(before);
    },
  );

  it("counts another user's hidden parent as missing in every child's references", async () => {
    applyChanges(
      root,
      await planResource(root, { name: 'post', fields: POST, access: 'public-read', visibleWhen: 'published' }),
    );
    for (const access of ['owner', 'public-read', 'admin']) {
      const changes = await planResource(root, { name: 'comment', fields: 'post:references body_text:text', access });
      expect(file(changes, 'comments/routes.ts').replace(/\s+/g, ' ')).toContain(
        "{ field: 'post_id', parent: definePostModel(db.sequelize), rule: 'visible', visibleWhen: 'published', label: 'post', }",
      );
      expect(file(changes, 'comments.test.ts')).toContain(
        "answers 422 naming post_id for another user's post until it is published",
      );
    }
  });

  it('survives `plop field`: the spec line keeps the option and the routes keep hiding drafts', async () => {
    applyChanges(
      root,
      await planResource(root, { name: 'post', fields: POST, access: 'public-read', visibleWhen: 'published' }),
    );
    expect(readSpec(root, 'posts')).toMatchObject({ access: 'public-read', visibleWhen: 'published' });
    const changes = await planFields(root, { resource: 'post', fields: 'summary:text?' });
    expect(file(changes, 'posts/index.ts')).toContain('--visible-when published --fields');
    expect(file(changes, 'posts/schemas.ts')).toContain('summary');
    expect(changes.find((item) => item.path.endsWith('posts/routes.ts'))).toBeUndefined();
  });
});

describe('parent', () => {
  const file = (changes: { path: string; after: string | null }[], name: string) =>
    changes.find((item) => item.path.endsWith(name))?.after ?? '';
  const COMMENT = 'post:references{cascade} body_text:text';

  beforeEach(async () => {
    applyChanges(
      root,
      await planResource(root, {
        name: 'post',
        fields: 'title:string published:boolean=false',
        access: 'public-read',
        visibleWhen: 'published',
      }),
    );
  });

  it('nests the routes under the parent, which it checks first, taking the reference from the path', async () => {
    const changes = await planResource(root, {
      name: 'comment',
      fields: COMMENT,
      access: 'public-read',
      parent: 'post',
    });
    const index = file(changes, 'comments/index.ts');
    expect(index).toContain("path: '/posts/:postId/comments'");
    expect(index).toContain('parentParams: commentParentParams');
    expect(index).toContain('// rampart:spec comment --access public-read --parent post --fields');
    const routes = file(changes, 'comments/routes.ts');
    expect(routes).toContain("visibleWhen: 'published'");
    expect(routes).toContain('if (!(await mayUse(parent, req.user, postId))) throw notFound(PARENT_NOT_FOUND);');
    expect(routes.split('const scope = await inParent(req, params.postId);')).toHaveLength(6);
    expect(routes).toContain('await ownComments.create(currentUser(req).id, { ...body, ...scope })');
    expect(routes).toContain('await ownComments.update(currentUser(req).id, params.commentId, body, scope)');
    const schemas = file(changes, 'comments/schemas.ts');
    expect(schemas).toMatch(/createCommentBody = z\.strictObject\(\{\n\s+body_text:/);
    expect(schemas).toContain('.omit({ post_id: true })');
    expect(schemas).not.toContain('post_id: queryId()');
    expect(file(changes, 'create-comments.ts')).toContain("addIndex('comments', ['post_id', 'id']");
    const tests = file(changes, 'comments.test.ts');
    expect(tests).toContain("answers 404 for another user's post until it is published, as for a missing one");
    expect(tests).toContain('refuses post_id in a %s body: the path sets it');
    expect(readSpec(root, 'posts')?.parent).toBeUndefined();
    applyChanges(root, changes);
    expect(readSpec(root, 'comments')).toMatchObject({ access: 'public-read', parent: 'post' });
  });

  it.each([
    [{ access: 'owner' }, '--parent only nests --access public-read resources (got "owner")'],
    [{ fields: 'body_text:text' }, '--parent post needs a field that references it, e.g. post:references'],
    [{ fields: 'post:references{set-null}? body_text:text' }, 'its reference post_id must be required'],
    [{ parent: 'user', fields: 'owner:references(user) body_text:text' }, 'users are not a resource to nest under'],
    [{ parent: 'blog' }, '--parent blog needs a field that references it'],
    [{ parent: 'no such' }, '--parent "no such" is not a resource name'],
  ])('refuses %p, writing nothing', async (input, message) => {
    const before = snapshot(root);
    const refused = await refusal(
      planResource(root, { name: 'comment', fields: COMMENT, access: 'public-read', parent: 'post', ...input }),
    );
    expect(refused).toContain(message);
    expect(snapshot(root)).toEqual(before);
  });

  it.each(['owner', 'admin'])('refuses a parent of access %s, whose rows others may not see', async (access) => {
    applyChanges(root, await planResource(root, { name: 'album', fields: 'title:string', access }));
    const refused = await refusal(
      planResource(root, { name: 'photo', fields: 'album:references', access: 'public-read', parent: 'album' }),
    );
    expect(refused).toContain(`src/resources/albums is ${access}`);
  });

  it('nests under an admin-write parent too, and only one level deep', async () => {
    applyChanges(root, await planResource(root, { name: 'tag', fields: 'name:string', access: 'admin-write' }));
    const tagged = await planResource(root, {
      name: 'label',
      fields: 'tag:references',
      access: 'public-read',
      parent: 'tag',
    });
    expect(file(tagged, 'labels/index.ts')).toContain("path: '/tags/:tagId/labels'");
    applyChanges(
      root,
      await planResource(root, { name: 'comment', fields: COMMENT, access: 'public-read', parent: 'post' }),
    );
    expect(
      await refusal(
        planResource(root, { name: 'reply', fields: 'comment:references', access: 'public-read', parent: 'comment' }),
      ),
    ).toContain('nesting is one level deep');
  });

  it('refuses a reference to a nested resource, whose rows have no path of their own, writing nothing', async () => {
    applyChanges(
      root,
      await planResource(root, { name: 'comment', fields: COMMENT, access: 'public-read', parent: 'post' }),
    );
    const before = snapshot(root);
    expect(await refusal(planResource(root, { name: 'vote', fields: 'comment:references' }))).toContain(
      '"comment_id": src/resources/comments is nested under post (--parent)',
    );
    expect(snapshot(root)).toEqual(before);
  });
});

describe('spec line', () => {
  // Every printable ASCII character but space (fields are separated by spaces) as part of a default.
  const printable = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i));

  it('round-trips a default holding every printable character through the generated index.ts', async () => {
    const fallback = printable.join('');
    applyChanges(root, await planResource(root, { name: 'widget', fields: `t:string=${fallback}` }));
    expect(readSpec(root, 'widgets')?.fields).toEqual([
      { name: 't', type: 'string', optional: false, defaultValue: fallback },
    ]);
  });

  it.each(printable)('round-trips a default containing %s through the spec line', (char) => {
    const fields = parseFields(`t:string=a${char}b`);
    mkdirSync(path.join(root, 'src/resources/widgets'), { recursive: true });
    writeFileSync(
      path.join(root, 'src/resources/widgets/index.ts'),
      `// ${specLine({ name: 'widget', access: 'owner', fields })}\n`,
    );
    expect(readSpec(root, 'widgets')?.fields).toEqual(fields);
  });
});

describe('field', () => {
  beforeEach(async () => {
    applyChanges(root, await planResource(root, { name: 'bookmark', fields: BOOKMARK, timestamp: '20300101000000' }));
  });

  it('adds a migration and updates the model, schemas, spec and tests', async () => {
    const changes = await planFields(root, { resource: 'bookmark', fields: 'note:text?', timestamp: '20300102000000' });
    expect(changes.map((item) => item.path).sort()).toEqual([
      'src/resources/bookmarks/bookmarks.test.ts',
      'src/resources/bookmarks/index.ts',
      'src/resources/bookmarks/migrations/20300102000000-add-note-to-bookmarks.ts',
      'src/resources/bookmarks/model.ts',
      'src/resources/bookmarks/schemas.ts',
    ]);
    const file = (name: string) => changes.find((item) => item.path.endsWith(name))?.after ?? '';
    expect(file('add-note-to-bookmarks.ts')).toContain(
      "addColumn('bookmarks', 'note', { type: DataTypes.TEXT, allowNull: true }, { transaction })",
    );
    expect(file('add-note-to-bookmarks.ts')).toContain("removeColumn('bookmarks', 'note', { transaction })");
    expect(file('model.ts')).toContain('note: string | null;');
    expect(file('schemas.ts')).toContain('note: z.string().nullable(),');
    expect(file('index.ts')).toContain('kind:enum(link|video) note:text?"');
    expect(file('bookmarks.test.ts')).toContain("note: 'Sample note'");
  });

  it('refuses a required field without a default, since existing rows need a value', async () => {
    expect(await refusal(planFields(root, { resource: 'bookmark', fields: 'note:text' }))).toContain(
      'must be optional',
    );
  });

  it('refuses a reference to a resource that does not exist', async () => {
    expect(await refusal(planFields(root, { resource: 'bookmark', fields: 'folder:references?' }))).toContain(
      'there is no generated resource src/resources/folders',
    );
  });

  it('refuses to extend the golden todos resource', async () => {
    expect(await refusal(planFields(root, { resource: 'todo', fields: 'note:text?' }))).toContain('golden output');
  });

  it('refuses a field the resource already has', async () => {
    expect(await refusal(planFields(root, { resource: 'bookmark', fields: 'url:string?' }))).toContain('duplicate');
  });

  it('adds values to an enum: widens its column, replaces its CHECK, and re-renders schemas and tests', async () => {
    const changes = await planFields(root, {
      resource: 'bookmark',
      fields: 'kind:enum(link|video|podcast)',
      timestamp: '20300102000000',
    });
    const file = (name: string) => changes.find((item) => item.path.endsWith(name))?.after ?? '';
    const migration = file('20300102000000-extend-kind-of-bookmarks.ts');
    expect(migration).toContain('ALTER TABLE "bookmarks" ALTER COLUMN "kind" TYPE varchar(7)');
    expect(migration).toContain("removeConstraint('bookmarks', 'bookmarks_kind_check', { transaction })");
    expect(migration).toContain("where: { kind: ['link', 'video', 'podcast'] }");
    // down() puts the old CHECK and length back.
    expect(migration).toContain("where: { kind: ['link', 'video'] }");
    expect(migration).toContain('TYPE varchar(5)');
    expect(migration).not.toContain('addColumn');
    expect(migration).not.toContain("from 'sequelize'");
    expect(file('schemas.ts')).toContain("z.enum(['link', 'video', 'podcast'])");
    expect(file('index.ts')).toContain('kind:enum(link|video|podcast)"');
    expect(file('bookmarks.test.ts')).toContain("['kind', 'podcast']");
  });

  it('keeps the column length when the new values are no longer than the old ones', async () => {
    const changes = await planFields(root, { resource: 'bookmark', fields: 'kind:enum(link|video|doc)' });
    const migration = changes.find((item) => item.path.includes('extend-kind'))?.after ?? '';
    expect(migration).toContain("where: { kind: ['link', 'video', 'doc'] }");
    expect(migration).not.toContain('ALTER COLUMN');
  });

  it.each([
    ['kind:enum(link|podcast)', 'video cannot be removed'],
    ['kind:enum(link|video)', 'already has these values'],
    [
      'kind:enum(link|video|podcast)?',
      'only the values of "kind" can change; write it as kind:enum(link|video|podcast)',
    ],
    ['starred:boolean=true', 'duplicate field "starred"'],
  ])('refuses %s: an existing field only gains enum values', async (fields, message) => {
    const before = snapshot(root);
    expect(await refusal(planFields(root, { resource: 'bookmark', fields }))).toContain(message);
    expect(snapshot(root)).toEqual(before);
  });

  it("creates a new field's unique index, sort index and CHECK with its column, in one transaction", async () => {
    const changes = await planFields(root, {
      resource: 'bookmark',
      fields: 'slug:string(80)?:unique rank:integer:index=0 level:enum(low|high)=low',
      timestamp: '20300102000000',
    });
    const migration = changes.find((item) => item.path.includes('add-slug-rank-level-to-bookmarks'))?.after ?? '';
    expect(migration).toContain('sequelize.transaction(async (transaction)');
    expect(migration).toContain("name: 'bookmarks_slug_key', unique: true, transaction");
    expect(migration).toMatch(
      /addIndex\('bookmarks', \['user_id', 'rank', 'id'\], \{\s+name: 'bookmarks_user_id_rank_id'/,
    );
    expect(migration).toContain("name: 'bookmarks_level_check'");
    expect(migration).toContain("where: { level: ['low', 'high'] }");
    // The table's own indexes are not created twice.
    expect(migration).not.toContain('bookmarks_user_id_id');
    expect(migration).not.toContain('bookmarks_kind_check');
  });

  it('refuses to re-render a file edited by hand', async () => {
    const routes = path.join(root, 'src/resources/bookmarks/routes.ts');
    writeFileSync(routes, `${readFileSync(routes, 'utf8')}// a hand edit\n`);
    const before = snapshot(root);
    expect(await refusal(planFields(root, { resource: 'bookmark', fields: 'note:text?' }))).toContain(
      'routes.ts differs',
    );
    expect(snapshot(root)).toEqual(before);
  });
});

describe('writing', () => {
  it('restores every file when a write fails midway', async () => {
    const before = snapshot(root);
    const changes = await planResource(root, { name: 'bookmark', fields: BOOKMARK });
    // A file where the generator needs a folder makes the last write fail after the others succeeded.
    writeFileSync(path.join(root, 'src/resources/zz-blocker'), 'not a folder\n');
    const withBlocker = snapshot(root);
    const failing = [...changes, { path: 'src/resources/zz-blocker/file.ts', before: null, after: 'x' }];
    expect(() => applyChanges(root, failing)).toThrow();
    expect(snapshot(root)).toEqual(withBlocker);
    rmSync(path.join(root, 'src/resources/zz-blocker'));
    expect(snapshot(root)).toEqual(before);
  });

  it('puts every replaced file back when a step fails after others were renamed into place', async () => {
    const before = snapshot(root);
    const changes = await planResource(root, { name: 'bookmark', fields: BOOKMARK });
    // Deleting a file that is not there fails only after every other file, the route table included, was replaced.
    const failing = [...changes, { path: 'src/resources/not-there.ts', before: null, after: null }];
    expect(() => applyChanges(root, failing)).toThrow(/ENOENT/);
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses when a file changed between planning and writing', async () => {
    const changes = await planResource(root, { name: 'bookmark', fields: BOOKMARK });
    writeFileSync(path.join(root, ROUTE_TABLE), '// changed meanwhile\n');
    expect(() => applyChanges(root, changes)).toThrow('changed while generating');
  });
});
