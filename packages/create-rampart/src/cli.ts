#!/usr/bin/env node
// `npm create rampart@latest <dir>` / `npm run new -- <dir>`: [--name my-api] [--no-example] [--no-infra] [--issuer better-auth]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createProject, CreateError } from './createProject';

const USAGE = `Usage: create-rampart <dir> [--name my-api] [--no-example] [--no-infra] [--issuer better-auth]

  <dir>             a new or empty directory for the project
  --name <name>     the project's name (default: the directory's name): lowercase, digits, hyphens
  --no-example      start without the Todo example resource (the generator keeps its templates)
  --no-infra        start without the Pulumi program and deploy workflow
  --issuer <name>   pre-fill the external token issuer settings: better-auth
`;

/** Run from the TypeScript source (`npm run new`), the kit is this checkout; from the package, its bundled template. */
function kitLocation(): { kitDir: string; packed: boolean } {
  return __filename.endsWith('.ts')
    ? { kitDir: path.resolve(__dirname, '../../..'), packed: false }
    : { kitDir: path.resolve(__dirname, '../template'), packed: true };
}

/** Where the user typed the command: npm runs `npm run new` in the kit's root and says so in INIT_CWD. */
const callerDir = process.env.INIT_CWD ?? process.cwd();

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'no-example': { type: 'boolean', default: false },
      'no-infra': { type: 'boolean', default: false },
      issuer: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new CreateError(`give exactly one target directory\n\n${USAGE}`);
  const created = await createProject({
    ...kitLocation(),
    targetDir: path.resolve(callerDir, positionals[0] as string),
    name: values.name,
    example: !values['no-example'],
    infra: !values['no-infra'],
    issuer: values.issuer,
  });
  const relative = path.relative(callerDir, created.dir) || '.';
  process.stdout.write(
    [
      `Created ${created.name.kebab} in ${relative}: ${created.fileCount} files in one commit, and a development .env.`,
      '',
      'Next:',
      `  cd ${relative}`,
      '  npm install',
      '  npm run dev     # http://localhost:8000/docs',
      '  npm test',
      '',
    ].join('\n'),
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const refusal = err instanceof CreateError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`create-rampart: ${err instanceof Error ? err.message : String(err)}\n`);
    if (!refusal && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  },
);
