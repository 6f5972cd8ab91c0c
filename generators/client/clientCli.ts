// `npm run client [-- --url <openapi.json URL>] [--out <dir>] [--check]`: writes client/schema.ts, or checks it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderClientSchema, SCHEMA_FILE } from './clientSchema';
import { servedDocument } from './servedDocument';

const REPO_ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  const schema = await renderClientSchema(await servedDocument(values.url), REPO_ROOT);
  const file = values.out ? path.resolve(values.out, 'schema.ts') : path.join(REPO_ROOT, SCHEMA_FILE);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (values.check) {
    if (current === schema) return 0;
    process.stderr.write(`${SCHEMA_FILE} is stale: it does not match /api/openapi.json. Run \`npm run client\`.\n`);
    return 1;
  }
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
