// jest sees every import of every TypeScript file, so `jest --findRelatedTests` (how StrykerJS picks the tests
// of each mutant) finds every test that depends on a file. jest reads imports with regular expressions that
// strip block comments first: a `/*` inside a line comment, such as a route glob, hid the imports after it up to
// the next `*/`, and the mutation runs never ran that file's tests. A type argument does the same to a loader
// call (`jest.requireActual<T>('…')`), which the reader only matches with its parenthesis right after the name.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
// A project created by create-rampart may leave some of these out.
const FOLDERS = ['src', 'test', 'generators', 'infra', 'stryker', 'bench', 'packages'];
const SKIPPED = new Set(['node_modules', 'dist', 'template']);

/** jest-haste-map's worker, which reads each file's dependencies for the graph `--findRelatedTests` searches. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hasteWorker = require(require.resolve('jest-haste-map').replace(/index\.js$/, 'worker.js')) as {
  worker(data: {
    computeDependencies: boolean;
    filePath: string;
    rootDir: string;
  }): Promise<{ dependencies?: string[] }>;
};

async function jestSees(file: string): Promise<Set<string>> {
  const { dependencies } = await hasteWorker.worker({ computeDependencies: true, filePath: file, rootDir: ROOT });
  return new Set(dependencies);
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : typeScriptFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

// The calls that load a module, which jest's reader also follows.
const JEST_LOADERS = new Set(['requireActual', 'requireMock', 'createMockFromModule', 'mock', 'doMock', 'unmock']);

/** Whether `call` loads a module: `require(…)`, `import(…)` or one of jest's loaders. */
function loadsModule(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'jest' &&
    JEST_LOADERS.has(callee.name.text)
  );
}

/**
 * The modules a file loads at run time, as TypeScript reads it: value imports, re-exports, and the calls that
 * load a module by a literal name (`require`, `import()`, `jest.requireActual` and the like).
 */
function runtimeImports(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isCallExpression(node) && loadsModule(node)) {
      const [name] = node.arguments;
      if (name && ts.isStringLiteralLike(name)) found.push(name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe("jest's view of the imports", () => {
  const files = FOLDERS.map((folder) => path.join(ROOT, folder))
    .filter((folder) => existsSync(folder))
    .flatMap((folder) => typeScriptFiles(folder));

  it('covers the project', () => {
    expect(files).toEqual(expect.arrayContaining([__filename, path.join(ROOT, 'src', 'app.ts')]));
  });

  it('finds every runtime import TypeScript finds, in every file', async () => {
    const hidden: string[] = [];
    for (const file of files) {
      const seen = await jestSees(file);
      for (const specifier of runtimeImports(file, readFileSync(file, 'utf8'))) {
        if (!seen.has(specifier)) hidden.push(`${path.relative(ROOT, file)}: ${specifier}`);
      }
    }
    expect(hidden).toEqual([]);
  });

  it('would notice a module loaded through a call jest cannot read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-imports-'));
    try {
      const file = path.join(dir, 'policy.test.ts');
      // A type argument between `requireActual` and its parenthesis hides the module from jest's reader.
      const source =
        "import type * as A from './a';\nconst a = jest.requireActual<typeof A>('./a');\nrequire('./b');\n";
      writeFileSync(file, source);
      expect(runtimeImports(file, source)).toEqual(['./a', './b']);
      expect(await jestSees(file)).toEqual(new Set(['./b']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('would notice a line comment that hides the imports after it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rampart-imports-'));
    try {
      const file = path.join(dir, 'routes.ts');
      const source = "// every /api/auth/* route\nimport { a } from './a';\n/** b */\nexport const b = a;\n";
      writeFileSync(file, source);
      expect(runtimeImports(file, source)).toEqual(['./a']);
      expect(await jestSees(file)).toEqual(new Set());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
