// The files a generator writes, read from its template tree: `a/__key__.ts.hbs` renders to `a/<data.key>.ts`,
// and `name.ts.<access>.hbs` only for a resource of that access mode.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from './render';

export interface TemplateFile {
  /** The template, relative to templates/. */
  template: string;
  /** The output path relative to the generated folder, with `__key__` placeholders still in it. */
  output: string;
  /** The access mode this variant is for, or undefined when every mode uses it. */
  variant?: string;
}

function walk(dir: string, relative: string): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      return entry.isDirectory() ? walk(dir, child) : [child];
    });
}

const cache = new Map<string, TemplateFile[]>();

/** Every template under templates/<tree>, with the variant suffixes in `variants` split off. */
export function templateFiles(tree: string, variants: readonly string[]): TemplateFile[] {
  const key = `${tree}:${variants.join(',')}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const files = walk(path.join(TEMPLATES_DIR, tree), '')
    .filter((file) => file.endsWith('.hbs'))
    .map((file) => {
      const output = file.slice(0, -'.hbs'.length);
      const variant = variants.find((mode) => output.endsWith(`.${mode}`));
      return {
        template: `${tree}/${file}`,
        output: variant === undefined ? output : output.slice(0, -(variant.length + 1)),
        variant,
      };
    });
  cache.set(key, files);
  return files;
}

/** Fills `__key__` placeholders of an output path from `values`. */
export function outputPath(output: string, values: Record<string, string>): string {
  return output.replace(/__([A-Za-z]+)__/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template path placeholder __${name}__ has no value`);
    return value;
  });
}
