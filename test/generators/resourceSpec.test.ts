// Checklist: the data every resource template renders from: columns, indexes, filters, parents and the generated tests.
// The first tables match by subset; nested resources, visibility and public parents are checked whole at the end.
import { parseFields } from '../../generators/fieldSpec';
import {
  mountPath,
  parentColumn,
  parentFields,
  specLine,
  templateData,
  type ResourceSpec,
} from '../../generators/resourceSpec';

const spec = (name: string, access: ResourceSpec['access'], fields: string): ResourceSpec => ({
  name,
  access,
  fields: parseFields(fields),
});

// Parents of every access mode, as the generator reads them from each src/resources/<name>/index.ts.
const customer = spec('customer', 'owner', 'name:string code:string:unique');
const plan = spec('plan', 'admin-write', 'title:string');
const flag = spec('flag', 'admin', 'key:string');
const post = spec('post', 'public-read', 'title:string');
// A public-read article shown once published, and a notice whose only required field is its visibility flag.
const article: ResourceSpec = {
  ...spec('article', 'public-read', 'title:string published:boolean=false'),
  visibleWhen: 'published',
};
const notice: ResourceSpec = { ...spec('notice', 'public-read', 'live:boolean=false note:text?'), visibleWhen: 'live' };
const PARENTS: Record<string, ResourceSpec | 'user'> = { customer, plan, flag, post, article, notice, user: 'user' };
// The maker of the admin-written plan, as every resource that references it gets it.
const PLAN_MAKER = {
  name: 'makePlan',
  label: 'plan',
  usesAs: false,
  byAdmin: true,
  collection: "'/api/plans'",
  body: "{ title: 'Sample title' }",
};
const parentOf = (target: string) => PARENTS[target];

// One field of every type, every modifier, and a reference to a parent of each kind.
const INVOICE = spec(
  'invoice',
  'owner',
  'customer:references{cascade} plan:references{set-null}? assignee:references(user) number:string:unique ' +
    'amount:decimal(10,2) due:date? paid:boolean=false issued_at:datetime=now ref:uuid=random kind:enum(draft|sent) ' +
    'rating:integer{1..5}:index score:number? big:bigint meta:json? note:text?',
);

describe('template data of an owner resource', () => {
  // Computed in each test, never while the tests are collected: mutation testing only sees code a test runs.
  const invoice = () => templateData(INVOICE, '20300101000000-create-invoices', parentOf);

  it('names the resource, its table, folder, path and documented paths', () => {
    const data = invoice();
    expect({
      access: data.access,
      owner: data.owner,
      admin: data.admin,
      publicRead: data.publicRead,
      adminWrite: data.adminWrite,
      table: data.table,
      folder: data.folder,
      path: data.path,
      idParam: data.idParam,
      docPaths: data.docPaths,
      docProperties: data.docProperties,
      migrationName: data.migrationName,
      specLine: data.specLine,
    }).toMatchObject({
      access: 'owner',
      owner: true,
      admin: false,
      publicRead: false,
      adminWrite: false,
      table: 'invoices',
      folder: 'invoices',
      path: '/users/:userId/invoices',
      idParam: 'invoiceId',
      docPaths: "['/api/users/{userId}/invoices', '/api/users/{userId}/invoices/{invoiceId}']",
      // Ends with the parents ?include= can embed (generated resources only: a user is never embedded).
      docProperties:
        "['id', 'user_id', 'customer_id', 'plan_id', 'assignee_id', 'number', 'amount', 'due', 'paid', 'issued_at', 'ref', 'kind', 'rating', 'score', 'big', 'meta', 'note', 'created_at', 'updated_at', 'customer', 'plan']",
      migrationName: '20300101000000-create-invoices',
      specLine:
        'rampart:spec invoice --access owner --fields "customer:references{cascade} plan:references{set-null}? assignee:references(user){restrict} number:string:unique amount:decimal(10,2) due:date? paid:boolean=false issued_at:datetime=now ref:uuid=random kind:enum(draft|sent) rating:integer{1..5}:index score:number? big:bigint meta:json? note:text?"',
    });
    expect(data.s.pascal).toBe('Invoice');
    expect(data.p.kebab).toBe('invoices');
  });

  it('gives each field its TypeScript type, model attribute, migration column, zod schema and create modifier', () => {
    const data = invoice();
    expect(data.fields).toMatchObject([
      {
        name: 'customer_id',
        tsType: 'number',
        attribute: '{ type: DataTypes.INTEGER, allowNull: false }',
        column:
          "{ type: DataTypes.INTEGER, allowNull: false, references: { model: 'customers', key: 'id' }, onDelete: 'CASCADE' }",
        zod: 'z.number().int().positive().max(2_147_483_647)',
        createModifier: '',
      },
      {
        name: 'plan_id',
        tsType: 'number | null',
        attribute: '{ type: DataTypes.INTEGER, allowNull: true }',
        column:
          "{ type: DataTypes.INTEGER, allowNull: true, references: { model: 'plans', key: 'id' }, onDelete: 'SET NULL' }",
        zod: 'z.number().int().positive().max(2_147_483_647).nullable()',
        createModifier: '.optional()',
      },
      {
        name: 'assignee_id',
        tsType: 'number',
        attribute: '{ type: DataTypes.INTEGER, allowNull: false }',
        column:
          "{ type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' }, onDelete: 'RESTRICT' }",
        zod: 'z.number().int().positive().max(2_147_483_647)',
        createModifier: '',
      },
      {
        name: 'number',
        tsType: 'string',
        attribute: '{ type: DataTypes.STRING(255), allowNull: false }',
        column: '{ type: DataTypes.STRING(255), allowNull: false }',
        zod: 'z.string().trim().min(1).max(255)',
        createModifier: '',
      },
      {
        name: 'amount',
        tsType: 'string',
        attribute: '{ type: DataTypes.DECIMAL(10, 2), allowNull: false }',
        column: '{ type: DataTypes.DECIMAL(10, 2), allowNull: false }',
        zod: 'decimalString(10, 2)',
        createModifier: '',
      },
      {
        name: 'due',
        tsType: 'string | null',
        attribute: '{ type: DataTypes.DATEONLY, allowNull: true }',
        column: '{ type: DataTypes.DATEONLY, allowNull: true }',
        zod: 'isoDate().nullable()',
        createModifier: '.optional()',
      },
      {
        name: 'paid',
        tsType: 'CreationOptional<boolean>',
        attribute: '{ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false }',
        column: '{ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false }',
        zod: 'z.boolean()',
        createModifier: '.default(false)',
      },
      {
        name: 'issued_at',
        tsType: 'CreationOptional<Date>',
        attribute: '{ type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW }',
        column: "{ type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') }",
        zod: 'isoDateTime()',
        createModifier: '.optional()',
      },
      {
        name: 'ref',
        tsType: 'CreationOptional<string>',
        attribute: '{ type: DataTypes.UUID, allowNull: false, defaultValue: DataTypes.UUIDV4 }',
        column: "{ type: DataTypes.UUID, allowNull: false, defaultValue: sequelize.fn('gen_random_uuid') }",
        zod: 'z.uuid()',
        createModifier: '.optional()',
      },
      {
        name: 'kind',
        tsType: "'draft' | 'sent'",
        attribute: '{ type: DataTypes.STRING(5), allowNull: false }',
        column: '{ type: DataTypes.STRING(5), allowNull: false }',
        zod: "z.enum(['draft', 'sent'])",
        createModifier: '',
      },
      {
        name: 'rating',
        tsType: 'number',
        attribute: '{ type: DataTypes.INTEGER, allowNull: false }',
        column: '{ type: DataTypes.INTEGER, allowNull: false }',
        zod: 'z.number().int().min(1).max(5)',
        createModifier: '',
      },
      {
        name: 'score',
        tsType: 'number | null',
        attribute: '{ type: DataTypes.DOUBLE, allowNull: true }',
        column: '{ type: DataTypes.DOUBLE, allowNull: true }',
        zod: 'z.number().nullable()',
        createModifier: '.optional()',
      },
      {
        name: 'big',
        tsType: 'string',
        attribute: '{ type: DataTypes.BIGINT, allowNull: false }',
        column: '{ type: DataTypes.BIGINT, allowNull: false }',
        zod: 'bigintString()',
        createModifier: '',
      },
      {
        name: 'meta',
        tsType: 'Record<string, unknown> | null',
        attribute: '{ type: DataTypes.JSONB, allowNull: true }',
        column: '{ type: DataTypes.JSONB, allowNull: true }',
        zod: 'jsonObject(16384).nullable()',
        createModifier: '.optional()',
      },
      {
        name: 'note',
        tsType: 'string | null',
        attribute: '{ type: DataTypes.TEXT, allowNull: true }',
        column: '{ type: DataTypes.TEXT, allowNull: true }',
        zod: 'z.string().nullable()',
        createModifier: '.optional()',
      },
    ]);
  });

  it('imports only the schema helpers it uses, and lists by indexed, never-null columns', () => {
    const data = invoice();
    expect(data.fieldSchemaImports).toBe('bigintString, decimalString, isoDate, isoDateTime, jsonObject');
    expect(data.paginationImports).toBe('listQuery, queryBoolean, queryId');
    expect(data.listQuery).toBe(
      "listQuery({ sort: ['created_at', 'rating'], equal: { customer_id: queryId(), plan_id: queryId(), assignee_id: queryId(), paid: queryBoolean(), ref: z.uuid(), kind: z.enum(['draft', 'sent']), big: bigintString() }, range: { amount: decimalString(10, 2), due: isoDate(), issued_at: isoDateTime(), rating: z.coerce.number().int(), score: z.coerce.number() } })",
    );
  });

  it('indexes owner-scoped sorts, every foreign key and unique fields, and checks enum values', () => {
    const data = invoice();
    expect(data.indexes).toMatchObject([
      { name: 'invoices_user_id_id', columns: "['user_id', 'id']", unique: false },
      { name: 'invoices_user_id_created_at_id', columns: "['user_id', 'created_at', 'id']", unique: false },
      { name: 'invoices_user_id_rating_id', columns: "['user_id', 'rating', 'id']", unique: false },
      { name: 'invoices_customer_id', columns: "['customer_id']", unique: false },
      { name: 'invoices_plan_id', columns: "['plan_id']", unique: false },
      { name: 'invoices_assignee_id', columns: "['assignee_id']", unique: false },
      { name: 'invoices_number_key', columns: "['number']", unique: true },
    ]);
    expect(data.checks).toMatchObject([{ name: 'invoices_kind_check', field: 'kind', values: "['draft', 'sent']" }]);
  });

  it('checks each parent by the rule its access mode needs', () => {
    const data = invoice();
    expect(data.references).toMatchObject([
      {
        field: 'customer_id',
        label: 'customer',
        rule: 'owner',
        modelFunction: 'defineCustomerModel',
        modelImport: '../customers/model',
      },
      {
        field: 'plan_id',
        label: 'plan',
        rule: 'exists',
        modelFunction: 'definePlanModel',
        modelImport: '../plans/model',
      },
      {
        field: 'assignee_id',
        label: 'user',
        rule: 'exists',
        modelFunction: 'defineUserModel',
        modelImport: '../../users/model',
      },
    ]);
  });

  it('lists every identifier it creates, for the 63-byte check', () => {
    const data = invoice();
    expect(data.identifiers).toMatchObject([
      'invoices',
      'customer_id',
      'plan_id',
      'assignee_id',
      'number',
      'amount',
      'due',
      'paid',
      'issued_at',
      'ref',
      'kind',
      'rating',
      'score',
      'big',
      'meta',
      'note',
      'invoices_user_id_id',
      'invoices_user_id_created_at_id',
      'invoices_user_id_rating_id',
      'invoices_customer_id',
      'invoices_plan_id',
      'invoices_assignee_id',
      'invoices_number_key',
      'invoices_kind_check',
      'invoices_customer_id_fkey',
      'invoices_plan_id_fkey',
      'invoices_assignee_id_fkey',
      'invoices_pkey',
      'invoices_id_seq',
    ]);
  });

  it('gives the generated test its bodies, defaults, invalid values, filters and parent makers', () => {
    const data = invoice();
    expect(data.test).toMatchObject({
      equalFilters: ['customer_id', 'plan_id', 'assignee_id', 'paid', 'ref', 'kind', 'big'],
      rangeFilters: ['amount', 'due', 'issued_at', 'rating', 'score'],
      filters: true,
      validUsesAs: true,
      requiredUsesAs: true,
      unique: ['number'],
      sorts: ['id', 'created_at', 'rating'],
      equalLiterals: ["'customer_id'", "'plan_id'", "'assignee_id'", "'paid'", "'ref'", "'kind'", "'big'"],
      rangeLiterals: ["'amount'", "'due'", "'issued_at'", "'rating'", "'score'"],
      sortLiterals: ["'id'", "'created_at'", "'rating'"],
      uniqueLiterals: ["'number'"],
      enumValues: ["['kind', 'draft']", "['kind', 'sent']"],
      me: 'alice',
      other: 'bob',
      collectionMe: 'collection(alice)',
      itemPrefix: 'alice, ',
      sharedByAdmins: false,
      importsAdmin: true,
      publicReads: false,
      needsAdmin: true,
      validBody:
        "{ customer_id: await makeCustomer(as), plan_id: await makePlan(as), assignee_id: as.user.id, number: String(seq()), amount: '1.55', due: '2026-01-31', paid: true, issued_at: '2026-01-31T12:00:00.000Z', ref: '9b2f3a55-3c4e-4b7a-9a51-2f6f8f3f0e11', kind: 'draft', rating: 5, score: 2.5, big: '9007199254740993', meta: { sample: true, tags: ['a', 'b'] }, note: 'Sample note' }",
      requiredBody:
        "{ customer_id: await makeCustomer(as), assignee_id: as.user.id, number: String(seq()), amount: '1.55', kind: 'draft', rating: 5, big: '9007199254740993' }",
      defaults: '{ plan_id: null, due: null, paid: false, score: null, meta: null, note: null }',
      invalid: [
        "['customer_id', '1']",
        "['customer_id', 0]",
        "['customer_id', 1.5]",
        "['plan_id', '1']",
        "['plan_id', 0]",
        "['plan_id', 1.5]",
        "['assignee_id', '1']",
        "['assignee_id', 0]",
        "['assignee_id', 1.5]",
        "['number', 12345]",
        "['number', '']",
        "['number', 'x'.repeat(256)]",
        "['amount', 12.5]",
        "['amount', 'twelve']",
        "['amount', '999999999']",
        "['amount', '1.111']",
        "['due', 20260131]",
        "['due', 'not-a-date']",
        "['due', '0000-01-01']",
        "['paid', 'yes']",
        "['issued_at', 20260131]",
        "['issued_at', 'not-a-datetime']",
        "['issued_at', '0000-01-01T00:00:00Z']",
        "['ref', 12345]",
        "['ref', 'not-a-uuid']",
        "['kind', 12345]",
        "['kind', 'not-a-kind']",
        "['rating', 'seven']",
        "['rating', 1.5]",
        "['rating', 0]",
        "['rating', 6]",
        "['score', 'two and a half']",
        "['big', 42]",
        "['big', '4.2']",
        "['big', '9223372036854775808']",
        "['meta', 'text']",
        "['meta', [1, 2]]",
        "['meta', { big: 'x'.repeat(16384) }]",
        "['note', 12345]",
      ],
      required: ["'customer_id'", "'assignee_id'", "'number'", "'amount'", "'kind'", "'rating'", "'big'"],
      makers: [
        {
          name: 'makeCustomer',
          label: 'customer',
          usesAs: true,
          byAdmin: false,
          collection: '`/api/users/${as.user.id}/customers`',
          body: "{ name: 'Sample name', code: String(seq()) }",
        },
        PLAN_MAKER,
      ],
      references: [
        { field: 'customer_id', label: 'customer', maker: 'makeCustomer', crossUser: true },
        { field: 'plan_id', label: 'plan', maker: 'makePlan', crossUser: false },
        { field: 'assignee_id', label: 'user', crossUser: false },
      ],
      usesSeq: true,
      needsParents: true,
    });
  });
});

describe('template data by access mode', () => {
  it.each([
    ['comment', 'public-read', 'post:references body:text'],
    ['setting', 'admin', 'flag:references{cascade} value:string'],
    ['price', 'admin-write', 'plan:references amount:integer'],
  ] as const)('%s (%s)', (name, access, fields) => {
    const data = templateData(spec(name, access, fields), 'm', parentOf);
    expect({
      access: data.access,
      owner: data.owner,
      admin: data.admin,
      publicRead: data.publicRead,
      adminWrite: data.adminWrite,
      path: data.path,
      docPaths: data.docPaths,
      references: data.references,
      indexes: data.indexes,
      listQuery: data.listQuery,
      paginationImports: data.paginationImports,
      test: data.test,
    }).toMatchObject(EXPECTED[name]!);
  });

  it.each([
    ['owner', '/users/:userId/notes'],
    ['admin', '/admin/notes'],
    ['public-read', '/notes'],
    ['admin-write', '/notes'],
  ] as const)('mounts a %s resource at %s', (access, path) => {
    expect(mountPath(access, 'notes')).toBe(path);
  });

  it('mounts a nested resource under its parent, whatever its access mode', () => {
    expect(mountPath('owner', 'comments', 'blog-post')).toBe('/blog-posts/:blogPostId/comments');
    expect(mountPath('admin', 'comments', 'blog-post')).toBe('/blog-posts/:blogPostId/comments');
  });

  it('writes the spec line with its options, and finds the parent column among the references', () => {
    const comment: ResourceSpec = {
      ...spec('comment', 'owner', 'body:text blogPost:references reviewer:references(user) post:references(blog-post)'),
      parent: 'blog-post',
      visibleWhen: 'published',
    };
    expect(specLine(comment)).toBe(
      'rampart:spec comment --access owner --visible-when published --parent blog-post --fields ' +
        JSON.stringify(
          'body:text blog_post:references{restrict} reviewer:references(user){restrict} post:references(blog-post){restrict}',
        ),
    );
    expect(specLine(spec('note', 'admin', 'title:string'))).toBe(
      'rampart:spec note --access admin --fields "title:string"',
    );
    expect(parentFields(comment, 'blog-post').map((field) => field.name)).toEqual(['blog_post_id', 'post_id']);
    expect(parentColumn(comment)).toBe('blog_post_id');
    expect(parentColumn({ ...comment, parent: undefined })).toBeUndefined();
  });
});

describe('parents of parents', () => {
  const project = spec('project', 'owner', 'customer:references title:string note:text?');
  const team = spec('team', 'admin-write', 'title:string owner_group:references(customer)');
  const parents: Record<string, ResourceSpec | 'user'> = { customer, project, team };
  const task = () =>
    templateData(
      spec('task', 'owner', 'project:references reviewer:references(project)? team:references? done:boolean=false'),
      'm',
      (target) => parents[target],
    );

  it('makes each ancestor once, before the makers that need it, from its required fields only', () => {
    const data = task();
    expect(data.test.makers).toMatchObject([
      {
        name: 'makeCustomer',
        label: 'customer',
        usesAs: true,
        byAdmin: false,
        collection: '`/api/users/${as.user.id}/customers`',
        body: "{ name: 'Sample name', code: String(seq()) }",
      },
      {
        name: 'makeProject',
        label: 'project',
        usesAs: true,
        byAdmin: false,
        collection: '`/api/users/${as.user.id}/projects`',
        body: "{ customer_id: await makeCustomer(as), title: 'Sample title' }",
      },
      {
        name: 'makeTeam',
        label: 'team',
        usesAs: true,
        byAdmin: true,
        collection: "'/api/teams'",
        body: "{ title: 'Sample title', owner_group_id: await makeCustomer(as) }",
      },
    ]);
  });

  it('asks for an admin when an ancestor is admin-written, and shares one maker between two references', () => {
    const data = task();
    expect(data.test.needsAdmin).toBe(true);
    expect(data.test.importsAdmin).toBe(true);
    expect(data.test.usesSeq).toBe(true);
    expect(data.test.references).toMatchObject([
      { field: 'project_id', label: 'project', maker: 'makeProject', crossUser: true },
      { field: 'reviewer_id', label: 'project', maker: 'makeProject', crossUser: true },
      { field: 'team_id', label: 'team', maker: 'makeTeam', crossUser: false },
    ]);
    expect(data.test.validBody).toBe(
      '{ project_id: await makeProject(as), reviewer_id: await makeProject(as), team_id: await makeTeam(as), done: true }',
    );
    expect(data.test.requiredBody).toBe('{ project_id: await makeProject(as) }');
    expect(data.test.defaults).toBe('{ reviewer_id: null, team_id: null, done: false }');
  });

  it('reads a parent it does not know as the users table, and makes no maker for it', () => {
    const orphan = templateData(spec('note', 'owner', 'ghost:references'), 'm');
    expect(orphan.references).toMatchObject([
      {
        field: 'ghost_id',
        label: 'ghost',
        rule: 'exists',
        modelFunction: 'defineUserModel',
        modelImport: '../../users/model',
      },
    ]);
    expect(orphan.test.makers).toMatchObject([]);
  });
});

const EXPECTED: Record<string, object> = {
  comment: {
    access: 'public-read',
    owner: false,
    admin: false,
    publicRead: true,
    adminWrite: false,
    path: '/comments',
    docPaths: "['/api/comments', '/api/comments/{commentId}']",
    references: [
      {
        field: 'post_id',
        label: 'post',
        rule: 'visible',
        modelFunction: 'definePostModel',
        modelImport: '../posts/model',
      },
    ],
    indexes: [
      { name: 'comments_user_id_id', columns: "['user_id', 'id']", unique: false },
      { name: 'comments_created_at_id', columns: "['created_at', 'id']", unique: false },
      { name: 'comments_post_id', columns: "['post_id']", unique: false },
    ],
    listQuery: "listQuery({ sort: ['created_at'], equal: { post_id: queryId() } })",
    paginationImports: 'listQuery, queryId',
    test: {
      equalFilters: ['post_id'],
      rangeFilters: [],
      filters: true,
      validUsesAs: true,
      requiredUsesAs: true,
      unique: [],
      sorts: ['id', 'created_at'],
      equalLiterals: ["'post_id'"],
      rangeLiterals: [],
      sortLiterals: ["'id'", "'created_at'"],
      uniqueLiterals: [],
      enumValues: [],
      me: 'alice',
      other: 'bob',
      collectionMe: 'collection()',
      itemPrefix: '',
      sharedByAdmins: false,
      importsAdmin: false,
      publicReads: true,
      needsAdmin: false,
      validBody: "{ post_id: await makePost(as), body: 'Sample body' }",
      requiredBody: "{ post_id: await makePost(as), body: 'Sample body' }",
      defaults: '{}',
      invalid: ["['post_id', '1']", "['post_id', 0]", "['post_id', 1.5]", "['body', 12345]", "['body', '']"],
      required: ["'post_id'", "'body'"],
      makers: [
        {
          name: 'makePost',
          label: 'post',
          usesAs: true,
          byAdmin: false,
          collection: "'/api/posts'",
          body: "{ title: 'Sample title' }",
        },
      ],
      references: [{ field: 'post_id', label: 'post', maker: 'makePost', crossUser: false }],
      usesSeq: false,
      needsParents: true,
    },
  },
  setting: {
    access: 'admin',
    owner: false,
    admin: true,
    publicRead: false,
    adminWrite: false,
    path: '/admin/settings',
    docPaths: "['/api/admin/settings', '/api/admin/settings/{settingId}']",
    references: [
      {
        field: 'flag_id',
        label: 'flag',
        rule: 'admin',
        modelFunction: 'defineFlagModel',
        modelImport: '../flags/model',
      },
    ],
    indexes: [
      { name: 'settings_user_id_id', columns: "['user_id', 'id']", unique: false },
      { name: 'settings_created_at_id', columns: "['created_at', 'id']", unique: false },
      { name: 'settings_flag_id', columns: "['flag_id']", unique: false },
    ],
    listQuery: "listQuery({ sort: ['created_at'], equal: { flag_id: queryId() } })",
    paginationImports: 'listQuery, queryId',
    test: {
      equalFilters: ['flag_id'],
      rangeFilters: [],
      filters: true,
      validUsesAs: true,
      requiredUsesAs: true,
      unique: [],
      sorts: ['id', 'created_at'],
      equalLiterals: ["'flag_id'"],
      rangeLiterals: [],
      sortLiterals: ["'id'", "'created_at'"],
      uniqueLiterals: [],
      enumValues: [],
      me: 'admin',
      other: 'otherAdmin',
      collectionMe: 'collection()',
      itemPrefix: '',
      sharedByAdmins: true,
      importsAdmin: true,
      publicReads: false,
      needsAdmin: false,
      validBody: "{ flag_id: await makeFlag(as), value: 'Sample value' }",
      requiredBody: "{ flag_id: await makeFlag(as), value: 'Sample value' }",
      defaults: '{}',
      invalid: [
        "['flag_id', '1']",
        "['flag_id', 0]",
        "['flag_id', 1.5]",
        "['value', 12345]",
        "['value', '']",
        "['value', 'x'.repeat(256)]",
      ],
      required: ["'flag_id'", "'value'"],
      makers: [
        {
          name: 'makeFlag',
          label: 'flag',
          usesAs: false,
          byAdmin: true,
          collection: "'/api/admin/flags'",
          body: "{ key: 'Sample key' }",
        },
      ],
      references: [{ field: 'flag_id', label: 'flag', maker: 'makeFlag', crossUser: false }],
      usesSeq: false,
      needsParents: true,
    },
  },
  price: {
    access: 'admin-write',
    owner: false,
    admin: false,
    publicRead: false,
    adminWrite: true,
    path: '/prices',
    docPaths: "['/api/prices', '/api/prices/{priceId}']",
    references: [
      {
        field: 'plan_id',
        label: 'plan',
        rule: 'exists',
        modelFunction: 'definePlanModel',
        modelImport: '../plans/model',
      },
    ],
    indexes: [
      { name: 'prices_user_id_id', columns: "['user_id', 'id']", unique: false },
      { name: 'prices_created_at_id', columns: "['created_at', 'id']", unique: false },
      { name: 'prices_plan_id', columns: "['plan_id']", unique: false },
    ],
    listQuery:
      "listQuery({ sort: ['created_at'], equal: { plan_id: queryId() }, range: { amount: z.coerce.number().int() } })",
    paginationImports: 'listQuery, queryId',
    test: {
      equalFilters: ['plan_id'],
      rangeFilters: ['amount'],
      filters: true,
      validUsesAs: true,
      requiredUsesAs: true,
      unique: [],
      sorts: ['id', 'created_at'],
      equalLiterals: ["'plan_id'"],
      rangeLiterals: ["'amount'"],
      sortLiterals: ["'id'", "'created_at'"],
      uniqueLiterals: [],
      enumValues: [],
      me: 'admin',
      other: 'bob',
      collectionMe: 'collection()',
      itemPrefix: '',
      sharedByAdmins: false,
      importsAdmin: true,
      publicReads: true,
      needsAdmin: true,
      validBody: '{ plan_id: await makePlan(as), amount: 7 }',
      requiredBody: '{ plan_id: await makePlan(as), amount: 7 }',
      defaults: '{}',
      invalid: [
        "['plan_id', '1']",
        "['plan_id', 0]",
        "['plan_id', 1.5]",
        "['amount', 'seven']",
        "['amount', 1.5]",
        "['amount', -2147483649]",
      ],
      required: ["'plan_id'", "'amount'"],
      makers: [PLAN_MAKER],
      references: [{ field: 'plan_id', label: 'plan', maker: 'makePlan', crossUser: false }],
      usesSeq: false,
      needsParents: true,
    },
  },
};

describe('a nested resource, rows shown only when flagged, and parents of every kind', () => {
  // Replies live under /articles/:articleId; `side_idea` has `_id` inside its name, not only at its end.
  const reply = () =>
    templateData(
      {
        ...spec(
          'reply',
          'public-read',
          'article:references{cascade} body:text author:references(user) side_idea:references(plan)? ' +
            'notice:references? ref:uuid?=random shown:boolean=false',
        ),
        parent: 'article',
        visibleWhen: 'shown',
      },
      'm',
      parentOf,
    );

  it('takes its parent from the path: no body, list filter or reference check holds the parent column', () => {
    const data = reply();
    expect(data.path).toBe('/articles/:articleId/replies');
    const bodyNames = ['body', 'author_id', 'side_idea_id', 'notice_id', 'ref', 'shown'];
    expect(data.bodyFields.map((field) => field.name)).toEqual(bodyNames);
    expect(data.fields.map((field) => field.name)).toEqual(['article_id', ...bodyNames]);
    expect(data.references.map((reference) => reference.field)).toEqual(['author_id', 'side_idea_id', 'notice_id']);
    expect(data.listQuery).toBe(
      "listQuery({ sort: ['created_at'], equal: { author_id: queryId(), side_idea_id: queryId(), notice_id: queryId(), ref: z.uuid(), shown: queryBoolean() } })",
    );
    expect(data.indexes.filter((index) => index.name.includes('article'))).toEqual([
      { name: 'replies_article_id_id', columns: "['article_id', 'id']", unique: false },
    ]);
    expect(data.test.validBody).toBe(
      "{ body: 'Sample body', author_id: as.user.id, side_idea_id: await makePlan(as), notice_id: await makeNotice(as), ref: '9b2f3a55-3c4e-4b7a-9a51-2f6f8f3f0e11', shown: true }",
    );
    expect(data.test.requiredBody).toBe("{ body: 'Sample body', author_id: as.user.id }");
    // A generated value is never a default the test expects back.
    expect(data.test.defaults).toBe('{ side_idea_id: null, notice_id: null, shown: false }');
  });

  it('checks its parent by the rule a reference to it needs, and names its path parameter and maker', () => {
    const data = reply();
    expect(data.visibleWhen).toBe('shown');
    expect(data.parent).toEqual({
      field: 'article_id',
      label: 'article',
      rule: 'visible',
      visibleWhen: 'published',
      modelFunction: 'defineArticleModel',
      modelImport: '../articles/model',
      idParam: 'articleId',
      sentence: 'Article',
    });
    expect(data.test).toMatchObject({
      visibleWhen: 'shown',
      nested: true,
      parentField: 'article_id',
      parentIdParam: 'articleId',
      parentMaker: 'makeArticle',
      parentLabel: 'article',
      parentSentence: 'Article',
      parentPath: '/api/articles',
      parentVisibleWhen: 'published',
      needsParents: true,
      needsAdmin: true,
      filters: true,
    });
  });

  it('embeds every parent but the user, and reads back hidden parents through their public path', () => {
    const data = reply();
    expect(data.includes).toEqual([
      expect.objectContaining({
        name: 'article',
        field: 'article_id',
        fieldsName: 'articleFields',
        schemasImport: '../articles/schemas',
      }),
      expect.objectContaining({
        name: 'side_idea',
        field: 'side_idea_id',
        fieldsName: 'planFields',
        schemasImport: '../plans/schemas',
      }),
      expect.objectContaining({
        name: 'notice',
        field: 'notice_id',
        fieldsName: 'noticeFields',
        schemasImport: '../notices/schemas',
      }),
    ]);
    expect(data.includeNames).toBe("['article', 'side_idea', 'notice']");
    expect(data.test.firstInclude).toBe('article');
    expect(data.references).toEqual([
      {
        field: 'author_id',
        label: 'user',
        rule: 'exists',
        visibleWhen: '',
        modelFunction: 'defineUserModel',
        modelImport: '../../users/model',
      },
      {
        field: 'side_idea_id',
        label: 'plan',
        rule: 'exists',
        visibleWhen: '',
        modelFunction: 'definePlanModel',
        modelImport: '../plans/model',
      },
      {
        field: 'notice_id',
        label: 'notice',
        rule: 'visible',
        visibleWhen: 'live',
        modelFunction: 'defineNoticeModel',
        modelImport: '../notices/model',
      },
    ]);
    expect(data.test.references).toEqual([
      { field: 'author_id', label: 'user', crossUser: false, hiddenUntil: '', parentPath: '', include: '' },
      {
        field: 'side_idea_id',
        label: 'plan',
        maker: 'makePlan',
        crossUser: false,
        hiddenUntil: '',
        parentPath: '/api/plans',
        include: 'side_idea',
      },
      {
        field: 'notice_id',
        label: 'notice',
        maker: 'makeNotice',
        crossUser: false,
        hiddenUntil: 'live',
        parentPath: '/api/notices',
        include: 'notice',
      },
    ]);
  });

  it('makes a hidden parent visible in its maker, even when the flag is its only field', () => {
    expect(reply().test.makers).toEqual([
      {
        name: 'makeArticle',
        label: 'article',
        usesAs: true,
        byAdmin: false,
        collection: "'/api/articles'",
        body: "{ title: 'Sample title', published: visible }",
        visibleWhen: 'published',
      },
      { ...PLAN_MAKER, visibleWhen: '' },
      {
        name: 'makeNotice',
        label: 'notice',
        usesAs: true,
        byAdmin: false,
        collection: "'/api/notices'",
        body: '{ live: visible }',
        visibleWhen: 'live',
      },
    ]);
  });

  it('asks for parents only by the names its references give', () => {
    const asked = new Set<string>();
    templateData(
      {
        ...spec('reply', 'public-read', 'article:references body:text author:references(user) notice:references?'),
        parent: 'article',
      },
      'm',
      (target) => {
        asked.add(target);
        return parentOf(target);
      },
    );
    expect([...asked].sort()).toStrictEqual(['article', 'notice', 'user']);
  });

  it('has no public path for a parent only its owner or admins read', () => {
    const data = templateData(
      spec('vote', 'owner', 'customer:references flag:references article:references'),
      'm',
      parentOf,
    );
    expect(data.test.references.map((reference) => reference.parentPath)).toEqual(['', '', '/api/articles']);
  });

  it('reads an admin-write parent through its public path, with nothing to wait for', () => {
    const price = templateData(
      { ...spec('price', 'public-read', 'plan:references amount:integer'), parent: 'plan' },
      'm',
      parentOf,
    );
    expect(price.test).toMatchObject({ nested: true, parentPath: '/api/plans', parentVisibleWhen: '' });
  });

  it('leaves the parent and visibility empty for a resource that is neither nested nor hidden', () => {
    const data = templateData(INVOICE, 'm', parentOf);
    expect(data.visibleWhen).toBe('');
    expect(data.parent).toBeNull();
    expect(data.bodyFields).toEqual(data.fields);
    expect(data.test).toMatchObject({
      visibleWhen: '',
      nested: false,
      parentField: '',
      parentPath: '',
      parentVisibleWhen: '',
      firstInclude: 'customer',
    });
  });
});

describe('a resource with nothing to filter or embed', () => {
  const memo = () => templateData(spec('memo', 'owner', 'note:text? active:boolean:index'), 'm');

  it('lists without filters and imports only listQuery and the helpers its fields use', () => {
    const data = memo();
    expect(data.listQuery).toBe("listQuery({ sort: ['created_at'], equal: { active: queryBoolean() } })");
    expect(data.paginationImports).toBe('listQuery, queryBoolean');
    expect(data.fieldSchemaImports).toBe('');
    // A boolean holds two values: an index on it is no order to page through.
    expect(data.test.sorts).toEqual(['id', 'created_at']);
    const bare = templateData(spec('memo', 'owner', 'note:text?'), 'm');
    expect(bare.listQuery).toBe("listQuery({ sort: ['created_at'] })");
    expect(bare.paginationImports).toBe('listQuery');
    expect(bare.test).toMatchObject({ equalFilters: [], rangeFilters: [], filters: false });
  });

  it('sends an empty body when no field is required, and needs no parents, includes or admin', () => {
    const data = templateData(spec('memo', 'owner', 'note:text?'), 'm');
    expect(data.test).toMatchObject({
      requiredBody: '{}',
      validBody: "{ note: 'Sample note' }",
      needsParents: false,
      firstInclude: '',
      needsAdmin: false,
      importsAdmin: false,
    });
    expect(data.includes).toEqual([]);
  });

  it('needs an admin to write an admin-write resource, even without parents', () => {
    expect(templateData(spec('tag', 'admin-write', 'label:string'), 'm').test.needsAdmin).toBe(true);
  });
});
