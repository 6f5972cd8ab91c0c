// Formats generated TypeScript with the project's Prettier settings, so generated code reads like hand-written code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as estree from 'prettier/plugins/estree';
import * as typescript from 'prettier/plugins/typescript';
import type { Options } from 'prettier';
import { format } from 'prettier/standalone';

/** The standalone build: no dynamic imports, so it also runs inside jest. */
const PLUGINS = [estree, typescript];

function projectOptions(root: string): Options {
  try {
    return JSON.parse(readFileSync(path.join(root, '.prettierrc.json'), 'utf8')) as Options;
  } catch {
    return {};
  }
}

export async function formatTypeScript(source: string, root: string): Promise<string> {
  return format(source, { ...projectOptions(root), parser: 'typescript', plugins: PLUGINS });
}
