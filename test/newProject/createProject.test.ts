// `npm run new` / create-rampart: the product renamed by rule, refusals that write nothing, the variants, `npm run dev`.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createProject, CreateError, type CreateRequest } from '../../packages/create-rampart/src/createProject';
import { readKitFiles } from '../../packages/create-rampart/src/kitFiles';
import { leftovers } from '../../packages/create-rampart/src/renameRules';

const KIT = path.resolve(__dirname, '..', '..');
const NAME = 'acme-orders-api';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'new-project-'));
  // The embedded PostgreSQL runs initdb as its own user when the tests run as root: it must reach .data.
  chmodSync(scratch, 0o755);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const request = (targetDir: string, options: Partial<CreateRequest> = {}): CreateRequest => ({
  kitDir: KIT,
  packed: false,
  targetDir,
  example: true,
  infra: true,
  ...options,
});

function projectFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = dir ? `${dir}/${name}` : name;
    if (relative === '.git') return [];
    return statSync(path.join(root, relative)).isDirectory() ? projectFiles(root, relative) : [relative];
  });
}

const TSX = path.join(KIT, 'node_modules/.bin/tsx');

/** `npm run new -- <target> ...args` as a user runs it (npm gives the caller's directory in INIT_CWD). */
function createWithCli(target: string, ...args: string[]): string {
  const cli = spawnSync(TSX, ['packages/create-rampart/src/cli.ts', target, ...args], {
    cwd: KIT,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: scratch },
  });
  if (cli.status !== 0) throw new Error(`npm run new failed:\n${cli.stdout}${cli.stderr}`);
  return path.resolve(scratch, target);
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');
const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' }).stdout.trim();

describe('a new project', () => {
  let dir: string;
  beforeAll(() => {
    dir = createWithCli('default', '--name', NAME);
  });

  it('leaves no `rampart` that names the product: every one left is kit code on the keep list', () => {
    const found = projectFiles(dir).flatMap((file) => leftovers(read(dir, file)).map((line) => `${file}:${line}`));
    expect(found).toEqual([]);
  });

  it.each([
    ['package.json', /"name": "acme-orders-api"/],
    ['Pulumi.yaml', /^name: acme-orders-api$/m],
    ['Pulumi.dev.yaml', /^ {2}acme-orders-api:natGateways: single$/m],
    ['Pulumi.prod.yaml', /^ {2}acme-orders-api:requireHttps: true$/m],
    ['infra/config.ts', /new pulumi\.Config\('acme-orders-api'\)/],
    ['infra/index.ts', /`acme-orders-api-\$\{config\.stack\}`[\s\S]*databaseName: 'acme_orders_api'/],
    ['src/config.ts', /JWT_ISSUER: z\.string\(\)\.min\(1\)\.default\('acme-orders-api'\)/],
    ['src/config.ts', /JWT_AUDIENCE: z\.string\(\)\.min\(1\)\.default\('acme-orders-api-api'\)/],
    ['.env.example', /^JWT_ISSUER=acme-orders-api\nJWT_AUDIENCE=acme-orders-api-api$/m],
    ['src/auth/sessionCookie.ts', /'__Host-acme_orders_api_session' : 'acme_orders_api_session'/],
    ['src/logger.ts', /service: 'acme-orders-api'/],
    ['src/dev/devServices.ts', /const DATABASE = 'acme_orders_api';/],
    ['README.md', /^# Acme Orders Api$/m],
  ])('names the product in %s', (file, expected) => {
    expect(read(dir, file)).toMatch(expected);
  });

  it('is formatted as its own `npm run format:check` wants, the longer name re-wrapped', () => {
    const check = spawnSync(path.join(KIT, 'node_modules/.bin/prettier'), ['--check', '.'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(`${check.stdout}${check.stderr}`).toContain('All matched files use Prettier code style!');
  });

  it('keeps the names of the kit code: generator markers, policy ids', () => {
    expect(read(dir, 'src/resources/index.ts')).toContain('// rampart:resources');
    expect(read(dir, 'infra/policies/ecs.ts')).toContain("'RAMPART_ECS_NON_ROOT'");
  });

  it('names its Pulumi components, policy pack and database roles the same way in the code and its tests', () => {
    expect(read(dir, 'infra/network.ts')).toContain("'acme-orders-api:network:Network'");
    expect(read(dir, 'infra/loadBalancer.ts')).toContain("'acme-orders-api:loadBalancer:LoadBalancer'");
    const runners = read(dir, 'infra/test/pulumiRunners.test.ts');
    expect(runners).toContain("'acme-orders-api:network:Network'");
    expect(runners).toContain("'acme-orders-api:loadBalancer:LoadBalancer'");
    expect(read(dir, 'infra/policies/index.ts')).toContain("new PolicyPack('acme-orders-api'");
    expect(runners).toContain("expect(info.getName()).toBe('acme-orders-api')");
    expect(read(dir, 'infra/index.ts')).toMatch(/username: 'acme_orders_api',\s+appUsername: 'acme_orders_api_app'/);
    const invariants = read(dir, 'infra/test/stackInvariants.ts');
    expect(invariants).toContain("{ user: 'acme_orders_api', password: '' }");
    expect(invariants).toContain("{ user: 'acme_orders_api_app', password: '' }");
  });

  it('is a new repository with one clean commit, a development .env, and none of the kit-only files', () => {
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(read(dir, '.env')).toBe(read(dir, '.env.example'));
    expect(git(dir, 'ls-files', '.env')).toBe('');
    const files = projectFiles(dir);
    expect(
      files.filter((file) => /^(bench\/results|reports|packages|test\/newProject|test\/generators\/slow)\//.test(file)),
    ).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['src/resources/todos/routes.ts', 'infra/index.ts', 'client/index.ts']),
    );
    const scripts = (JSON.parse(read(dir, 'package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts).not.toHaveProperty('new');
    expect(scripts).not.toHaveProperty('test:new-project');
    expect(scripts).not.toHaveProperty('test:examples');
    expect(read(dir, '.ci/run')).not.toMatch(/test:new-project|test:examples/);
    expect(read(dir, '.ci/run')).toContain('npm run client:check');
    expect(read(dir, 'README.md')).not.toContain('## Start a project');
  });
});

describe('refusals write nothing', () => {
  it('refuses a non-empty target directory and leaves it as it was', async () => {
    const target = path.join(scratch, 'occupied');
    mkdirSync(target);
    writeFileSync(path.join(target, 'notes.txt'), 'mine\n');
    await expect(createProject(request(target))).rejects.toThrow(
      new CreateError(`${target} is not empty: choose a new or empty directory`),
    );
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it.each([
    ['My API', 'is not a valid project name'],
    ['9lives', 'is not a valid project name'],
    ['double--hyphen', 'is not a valid project name'],
    ['trailing-', 'is not a valid project name'],
    ['a-name-far-too-long-for-aws', 'is too long: at most 20 characters'],
  ])('refuses the name %j', async (name, message) => {
    const target = path.join(scratch, 'refused-name');
    await expect(createProject(request(target, { name }))).rejects.toThrow(message);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(scratch).filter((entry) => entry.includes('creating'))).toEqual([]);
  });

  it('refuses an unknown issuer', async () => {
    const target = path.join(scratch, 'refused-issuer');
    await expect(createProject(request(target, { issuer: 'auth0' }))).rejects.toThrow(
      '--issuer must be one of: better-auth',
    );
    expect(existsSync(target)).toBe(false);
  });

  it('says why on the command line, with exit status 1', () => {
    const cli = spawnSync(TSX, ['packages/create-rampart/src/cli.ts', 'Bad_Name'], {
      cwd: KIT,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: scratch },
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/^create-rampart: "Bad_Name" is not a valid project name/);
    expect(existsSync(path.join(scratch, 'Bad_Name'))).toBe(false);
  });
});

describe('--no-example --no-infra --issuer better-auth', () => {
  let dir: string;
  beforeAll(() => {
    dir = createWithCli('bare-api', '--no-example', '--no-infra', '--issuer', 'better-auth');
  });

  it('has no Todo resource, registration or tests of it, but keeps the generator templates', () => {
    const files = projectFiles(dir);
    expect(files.filter((file) => file.startsWith('src/resources/todos/'))).toEqual([]);
    expect(read(dir, 'src/resources/index.ts')).not.toMatch(/todo/i);
    expect(files.filter((file) => file.endsWith('.test.ts') && /\/todos\b/.test(read(dir, file)))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['templates/resource/routes.ts.owner.hbs', 'test/auth/signup.test.ts']),
    );
    expect(files.filter((file) => file.startsWith('client/'))).toEqual([]);
    expect(read(dir, 'test/checklist/checklistItems.ts')).not.toContain('src/resources/todos');
  });

  it("drops the typed client's scripts and CI check with it, keeping the rest of .ci/run", () => {
    const scripts = (JSON.parse(read(dir, 'package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts).not.toHaveProperty('client:check');
    const ci = read(dir, '.ci/run');
    expect(ci).not.toContain('npm run client');
    for (const step of ['npm run typecheck\n', 'npm test\n']) expect(ci).toContain(step);
    const workflow = read(dir, '.github/workflows/ci.yml');
    expect(workflow).not.toContain('npm run client');
    expect(workflow).toContain('        run: |\n          npm run typecheck\n\n');
  });

  it("drops the typed client's docs with it, keeping the rest of docs/frontend.md", () => {
    const frontend = read(dir, 'docs/frontend.md');
    expect(frontend).not.toMatch(/## The typed client|npm run client|client\/schema\.ts/);
    expect(frontend).toMatch(/^# A frontend for the API\n\n## Cookie sessions from a browser: CORS and same-site\n/);
    expect(frontend).toContain('## Connect a frontend: the example');
  });

  it('has no Pulumi program, stacks or policy pack', () => {
    expect(projectFiles(dir).filter((file) => /^(infra\/|Pulumi)/.test(file))).toEqual([]);
  });

  it('pre-fills the Better Auth JWKS settings in .env.example and .env', () => {
    for (const file of ['.env.example', '.env']) {
      expect(read(dir, file)).toMatch(
        /JWKS_URL=http:\/\/localhost:3000\/api\/auth\/jwks\nJWKS_ISSUER=http:\/\/localhost:3000\nJWKS_AUDIENCE=bare-api-api/,
      );
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

it('starts with `npm run dev` and answers /api/health, logging as the new service', async () => {
  const dir = createWithCli('dev-api');
  symlinkSync(path.join(KIT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const [port, pgPort] = [await freePort(), await freePort()];
  const dev = spawn('npm', ['run', 'dev'], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'info',
    },
  });
  let output = '';
  dev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => dev.once('exit', resolve));
  try {
    const started = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((resolve) => {
        const poll = setInterval(() => {
          if (!output.includes(`listening on http://127.0.0.1:${port}`)) return;
          clearInterval(poll);
          resolve(true);
        }, 200);
        void exited.then(() => clearInterval(poll));
      }),
    ]);
    if (!started) throw new Error(`npm run dev stopped before listening:\n${output}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(output).toContain('"service":"dev-api"');
    expect(output).toContain('Dev Api API listening on');
  } finally {
    process.kill(-(dev.pid as number), 'SIGTERM');
    await exited;
  }
}, 120_000);

it("reads a checkout's files only: an untracked link to a directory (a linked node_modules) is left out, not read", () => {
  const checkout = path.join(scratch, 'linked-checkout');
  mkdirSync(path.join(checkout, 'src'), { recursive: true });
  writeFileSync(path.join(checkout, 'package.json'), '{}\n');
  writeFileSync(path.join(checkout, 'src/app.ts'), 'export {};\n');
  git(checkout, 'init', '--quiet');
  symlinkSync(path.join(KIT, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  symlinkSync(path.join(checkout, 'src'), path.join(checkout, 'linked-src'), 'dir');
  expect(readKitFiles(checkout, { packed: false }).map((file) => file.path)).toEqual(['package.json', 'src/app.ts']);
});
