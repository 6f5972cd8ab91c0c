// Adds and removes a resource's two lines in src/resources/index.ts, at the `// rampart:` markers, idempotently.
import { GeneratorError } from './generatorError';

export const ROUTE_TABLE = 'src/resources/index.ts';
const IMPORT_MARKER = '// rampart:resource-imports';
const ENTRY_MARKER = '  // rampart:resources';

export interface Registration {
  importLine: string;
  entryLine: string;
}

export function registration(exportName: string, folder: string): Registration {
  return { importLine: `import { ${exportName} } from './${folder}';`, entryLine: `  ${exportName},` };
}

function lines(source: string): string[] {
  const all = source.split('\n');
  if (!all.includes(IMPORT_MARKER) || !all.includes(ENTRY_MARKER)) {
    throw new GeneratorError([
      `${ROUTE_TABLE} lost its markers ("${IMPORT_MARKER}" and "${ENTRY_MARKER.trim()}"); restore them to generate`,
    ]);
  }
  return all;
}

/** The route table with the resource registered; unchanged when it already is. */
export function addRegistration(source: string, { importLine, entryLine }: Registration): string {
  const all = lines(source);
  if (!all.includes(importLine)) all.splice(all.indexOf(IMPORT_MARKER), 0, importLine);
  if (!all.includes(entryLine)) all.splice(all.indexOf(ENTRY_MARKER), 0, entryLine);
  return all.join('\n');
}

/** The route table without the resource's lines. */
export function removeRegistration(source: string, { importLine, entryLine }: Registration): string {
  return lines(source)
    .filter((line) => line !== importLine && line !== entryLine)
    .join('\n');
}

export function isRegistered(source: string, { importLine, entryLine }: Registration): boolean {
  const all = source.split('\n');
  return all.includes(importLine) || all.includes(entryLine);
}
