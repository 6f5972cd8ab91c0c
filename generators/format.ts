// Formats generated TypeScript with the project's Prettier settings, so generated code reads like hand-written code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Options, Plugin } from 'prettier';

type Format = (source: string, options: Options) => Promise<string>;

let loaded: Promise<{ format: Format; plugins: Plugin[] }> | undefined;

/**
 * The standalone build (no dynamic imports of its own, so it also runs inside jest), loaded on first use: a
 * refusal never formats anything and should not pay for loading it.
 */
function prettier() {
  loaded ??= Promise.all([
    import('prettier/standalone'),
    import('prettier/plugins/estree'),
    import('prettier/plugins/typescript'),
  ]).then(([standalone, estree, typescript]) => ({
    format: standalone.format,
    plugins: [estree as Plugin, typescript as Plugin],
  }));
  return loaded;
}

function projectOptions(root: string): Options {
  try {
    return JSON.parse(readFileSync(path.join(root, '.prettierrc.json'), 'utf8')) as Options;
  } catch {
    return {};
  }
}

export async function formatTypeScript(source: string, root: string): Promise<string> {
  const { format, plugins } = await prettier();
  return format(source, { ...projectOptions(root), parser: 'typescript', plugins });
}
