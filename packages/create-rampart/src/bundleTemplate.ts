// `npm pack` step (prepack): copies the kit's project files into template/, under the names npm keeps.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packedName, readKitFiles } from './kitFiles';

const packageDir = path.resolve(__dirname, '..');
const kitDir = path.resolve(packageDir, '../..');
const templateDir = path.join(packageDir, 'template');

rmSync(templateDir, { recursive: true, force: true });
const files = readKitFiles(kitDir, { packed: false });
for (const file of files) {
  const full = path.join(templateDir, packedName(file.path));
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, file.content, { mode: file.mode });
}
process.stdout.write(`create-rampart: bundled ${files.length} kit files into template/\n`);
