// `npm run client [-- --url <openapi.json URL>] [--out <dir>] [--check]`: writes client/ (or <dir>), or checks it.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderClientSchema, SCHEMA_FILE } from './clientSchema';
import { servedDocument } from './servedDocument';

const REPO_ROOT = path.resolve(__dirname, '../..');
/** npm runs scripts in the repository root; a relative --out is the caller's, which npm gives as INIT_CWD. */
const CALLER_DIR = process.env.INIT_CWD ?? process.cwd();

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  const schema = await renderClientSchema(await servedDocument(values.url), REPO_ROOT);
  const outDir = values.out ? path.resolve(CALLER_DIR, values.out) : path.join(REPO_ROOT, 'client');
  const file = path.join(outDir, 'schema.ts');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (values.check) {
    if (current === schema) return 0;
    process.stderr.write(`${SCHEMA_FILE} is stale: it does not match /api/openapi.json. Run \`npm run client\`.\n`);
    return 1;
  }
  mkdirSync(outDir, { recursive: true });
  // Elsewhere (a frontend's src/api, a test's copy), the client also needs its wrapper beside the schema.
  if (values.out) copyFileSync(path.join(REPO_ROOT, 'client/index.ts'), path.join(outDir, 'index.ts'));
  writeFileSync(file, schema);
  process.stdout.write(current === schema ? `${file} is up to date\n` : `wrote ${file}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`npm run client failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
