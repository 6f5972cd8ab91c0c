// Docker cannot run here, so the Dockerfile is parsed and held to package.json, tsconfig.build.json and the task definition.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { APP_PORT, CONTAINER_USER, MIGRATE_COMMAND, RDS_CA_BUNDLE_PATH, SCRATCH_PATH } from '../container';
import { ROOT } from './mockedProgram';

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Instructions grouped by stage; comments dropped and `\` continuations joined, as Docker reads them. */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [, base = '', name = ''] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ name, base, instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const tsconfigBuild = JSON.parse(read('tsconfig.build.json')) as {
  compilerOptions: { rootDir: string; outDir: string };
  include: string[];
  exclude: string[];
};
const stages = parseDockerfile(read('Dockerfile'));
const [build, runtime] = [stages.find((stage) => stage.name === 'build')!, stages.at(-1)!];
const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const last = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1);
const workdir = (stage: Stage) => last(stage, 'WORKDIR')?.args ?? '/';

/** Where tsc puts the output of a source file under tsconfig.build.json. */
function builtPath(source: string): string {
  const { rootDir, outDir } = tsconfigBuild.compilerOptions;
  return path.posix.join(outDir, path.posix.relative(rootDir, source)).replace(/\.ts$/, '.js');
}

/** The source file that compiles to `dist/...js`, if the build includes it. */
function sourceOf(output: string): string {
  const { rootDir, outDir } = tsconfigBuild.compilerOptions;
  const source = path.posix.join(rootDir, path.posix.relative(outDir, output)).replace(/\.js$/, '.ts');
  expect(existsSync(path.join(ROOT, source))).toBe(true);
  expect(tsconfigBuild.include.some((dir) => source.startsWith(`${dir}/`))).toBe(true);
  return source;
}

describe('Dockerfile', () => {
  it('has a build stage and a separate runtime stage on the same Node base', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    expect(runtime.base).toBe(build.base);
    expect(runtime.base).toMatch(/^node:/);
  });

  it('builds with a clean install and the package.json build script', () => {
    expect(runs(build)).toEqual(['npm ci --ignore-scripts', 'npm run build']);
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    const copied = build.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copied).toEqual(['package.json package-lock.json ./', 'tsconfig.json tsconfig.build.json ./', 'src ./src']);
  });

  it('installs only production dependencies in the runtime stage and takes nothing but dist from the build', () => {
    expect(runs(runtime)).toEqual([
      'npm ci --omit=dev --ignore-scripts && npm cache clean --force',
      `chown ${CONTAINER_USER} ${SCRATCH_PATH} && chmod 1777 ${SCRATCH_PATH}`,
    ]);
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual([
      'package.json package-lock.json ./',
      `--from=build ${workdir(build)}/${tsconfigBuild.compilerOptions.outDir} ./${tsconfigBuild.compilerOptions.outDir}`,
    ]);
  });

  it('starts `node dist/server.js` in exec form, which is the start script and the build output of src/server.ts', () => {
    const cmd = JSON.parse(last(runtime, 'CMD')!.args) as string[];
    expect(cmd).toEqual(['node', 'dist/server.js']);
    expect(cmd.join(' ')).toBe(pkg.scripts.start);
    expect(sourceOf(cmd[1]!)).toBe('src/server.ts');
    expect(builtPath('src/server.ts')).toBe('dist/server.js');
    expect(last(runtime, 'ENTRYPOINT')).toBeUndefined();
  });

  it('ships the migration command the task definition runs (npm run db:migrate)', () => {
    expect(MIGRATE_COMMAND.join(' ')).toBe(pkg.scripts['db:migrate']);
    expect(sourceOf(MIGRATE_COMMAND[1]!)).toBe('src/db/migrateCli.ts');
    expect(tsconfigBuild.exclude).toEqual(['src/**/*.test.ts']);
  });

  it('runs as the non-root user the task definition declares', () => {
    const user = last(runtime, 'USER')!.args;
    expect(user).toBe(CONTAINER_USER);
    expect(user.split(':')[0]).not.toMatch(/^(0|root)$/);
    // Nothing after USER may switch back to root or install anything.
    const afterUser = runtime.instructions.slice(runtime.instructions.findIndex((i) => i.keyword === 'USER'));
    expect(afterUser.map((i) => i.keyword)).toEqual(['USER', 'EXPOSE', 'CMD']);
  });

  it('hands the scratch volume path to that user and declares it a VOLUME, so Fargate keeps it writable', () => {
    const volumeAt = runtime.instructions.findIndex((i) => i.keyword === 'VOLUME');
    expect(runtime.instructions[volumeAt]?.args).toBe(JSON.stringify([SCRATCH_PATH]));
    // Changes to a path after its VOLUME line are discarded, so the ownership must be set before it.
    const before = runtime.instructions
      .slice(0, volumeAt)
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args);
    expect(before).toContainEqual(expect.stringContaining(`chown ${CONTAINER_USER} ${SCRATCH_PATH}`));
    expect(volumeAt).toBeLessThan(runtime.instructions.findIndex((i) => i.keyword === 'USER'));
  });

  it('listens on the port the load balancer targets, in production mode', () => {
    expect(last(runtime, 'EXPOSE')!.args).toBe(String(APP_PORT));
    expect(last(runtime, 'ENV')!.args).toBe(`NODE_ENV=production PORT=${APP_PORT}`);
  });

  it('bakes in the RDS CA bundle, readable by that user, where DATABASE_URL points', () => {
    const add = last(runtime, 'ADD')!.args.split(' ');
    expect(add).toEqual([
      '--chmod=644',
      'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem',
      RDS_CA_BUNDLE_PATH,
    ]);
    expect(RDS_CA_BUNDLE_PATH.startsWith(`${workdir(runtime)}/`)).toBe(true);
  });

  it('sends only what the build copies: manifests, TypeScript configs and src, without tests', () => {
    const rules = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(rules[0]).toBe('**');
    const allowed = rules.filter((rule) => rule.startsWith('!')).map((rule) => rule.slice(1));
    const copiedSources = build.instructions
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(' ').slice(0, -1));
    expect(allowed.sort()).toEqual([...copiedSources].sort());
    expect(rules).toContain('src/**/*.test.ts');
  });
});

describe('production dependencies', () => {
  /** Bare module specifiers imported by the shipped sources. */
  function importedPackages(dir: string): Set<string> {
    const found = new Set<string>();
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      const file = path.join(entry.parentPath, entry.name);
      if (!entry.isFile() || !file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(
        /(?:from|import|require\()\s*'([^'.][^']*)'/g,
      )) {
        if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
        const parts = specifier.split('/');
        found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
    return found;
  }

  it('covers every package src/ imports, so `npm ci --omit=dev` yields a working image', () => {
    const imported = [...importedPackages('src')];
    expect(imported).toEqual(expect.arrayContaining(['express', 'sequelize', '@aws-sdk/client-secrets-manager']));
    expect(imported.filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('leaves the Pulumi SDKs out of the runtime image', () => {
    expect(Object.keys(pkg.dependencies).filter((name) => name.startsWith('@pulumi/'))).toEqual([]);
  });
});
