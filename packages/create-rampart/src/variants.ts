// The project's variants, as edits of the file set: kit-only scripts and docs out, --no-example, --no-infra, --issuer.
import type { ProjectName } from './projectName';

/** The project's files as text or bytes, keyed by POSIX path. */
export type FileSet = Map<string, { content: string | Buffer; mode: number }>;

export const ISSUERS = ['better-auth'] as const;
export type Issuer = (typeof ISSUERS)[number];

function text(files: FileSet, file: string): string | undefined {
  const entry = files.get(file);
  return typeof entry?.content === 'string' ? entry.content : undefined;
}

function edit(files: FileSet, file: string, change: (content: string) => string): void {
  const entry = files.get(file);
  const content = text(files, file);
  if (entry && content !== undefined) files.set(file, { ...entry, content: change(content) });
}

function removeWhere(files: FileSet, doomed: (file: string, content: string | Buffer) => boolean): void {
  for (const [file, { content }] of files) if (doomed(file, content)) files.delete(file);
}

/** package.json scripts and CI lines that create or test projects from the kit: a project has no use for them. */
const KIT_SCRIPTS = ['new', 'test:new-project', 'test:examples'];

/** Markdown sections, by file and heading: each goes from its heading to the next heading of its level or above. */
type Sections = Readonly<Record<string, readonly string[]>>;

/** The level of a heading line (0 for any other line); lines in fenced code blocks are never headings. */
function headingLevels(lines: readonly string[]): number[] {
  let fenced = false;
  return lines.map((line) => {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    return fenced ? 0 : (/^(#{1,6}) /.exec(line)?.[1]?.length ?? 0);
  });
}

function dropSection(file: string, markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const levels = headingLevels(lines);
  const start = lines.findIndex((line, at) => levels[at] !== 0 && line.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`${file} has no section "${title}" to drop`);
  const level = levels[start] ?? 1;
  const end = levels.findIndex((other, at) => at > start && other !== 0 && other <= level);
  return [...lines.slice(0, start), ...(end < 0 ? [] : lines.slice(end))].join('\n');
}

function dropSections(files: FileSet, sections: Sections): void {
  for (const [file, titles] of Object.entries(sections)) {
    edit(files, file, (content) => titles.reduce((markdown, title) => dropSection(file, markdown, title), content));
  }
}

/** README sections about the kit itself, not the project. */
const KIT_SECTIONS: Sections = { 'README.md': ['Start a project'] };

/** Removes npm scripts from package.json, and the lines of .ci/run and of the CI workflow's steps that run them. */
function dropScripts(files: FileSet, scripts: readonly string[]): void {
  edit(files, 'package.json', (content) => {
    const manifest = JSON.parse(content) as { scripts?: Record<string, string> };
    for (const script of scripts) delete manifest.scripts?.[script];
    return `${JSON.stringify(manifest, null, 2)}\n`;
  });
  for (const file of ['.ci/run', '.github/workflows/ci.yml']) {
    edit(files, file, (content) =>
      content
        .split('\n')
        .filter((line) => !scripts.some((script) => line.includes(`npm run ${script}`)))
        .join('\n'),
    );
  }
}

export function dropKitOnlyParts(files: FileSet): void {
  dropSections(files, KIT_SECTIONS);
  dropScripts(files, KIT_SCRIPTS);
  // The kit's own benchmark results stay behind: the docs lines that show them would point at nothing.
  for (const file of [...files.keys()].filter((name) => /^docs\/.*\.md$/.test(name))) {
    edit(files, file, (content) =>
      content
        .split('\n')
        .filter((line) => !/\]\([./]*bench\/results\//.test(line))
        .join('\n'),
    );
  }
}

/** Tests that call the example's routes, import its code or count on its folder or migration: they go with it. */
const USES_EXAMPLE = /\/todos\b|todosResource|resources\/todos|'todos'|create-todos/;

/**
 * Tests that reach the example without naming it: the error catalogue's test finds NOT_FOUND in the OpenAPI
 * document only under the Todo routes.
 */
const EXAMPLE_DEPENDENT_TESTS = ['test/http/problems.test.ts'];

/** The typed client, its generator and its test are built around the example's API: they go with it too. */
const EXAMPLE_CLIENT = /^(client|test\/client|generators\/client)\//;
const CLIENT_SCRIPTS = ['client', 'client:check'];
/** The docs of the typed client go with it. */
const CLIENT_SECTIONS: Sections = { 'docs/frontend.md': ['The typed client'] };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The security checklist names the test files that prove each item (test/checklist/checklistItems.ts and docs/security.md's
 * table): drop the proofs in `gone`, then any item left without one.
 */
function dropProofs(files: FileSet, gone: readonly string[]): void {
  edit(files, 'test/checklist/checklistItems.ts', (content) => {
    const withoutProofs = gone.reduce(
      (text, file) =>
        text.replace(new RegExp(`\\{\\s*file: '${escape(file)}'(,\\s*name: '[^']*')?,?\\s*\\},?\\s*`, 'g'), ''),
      content,
    );
    return withoutProofs.replace(/\n {2}\{\n(?:(?!\n {2}\}).)*?proofs: \[\s*\],?\n {2}\},/gs, '');
  });
  // docs/security.md's rows end in a cell of linked test files: [`test/x.test.ts`](../test/x.test.ts), …
  edit(files, 'docs/security.md', (content) =>
    content
      .split('\n')
      .flatMap((line) => {
        const cell = line.match(/^(\|.*\| )(\[`[^|]*\))( \|)$/);
        if (!cell) return [line];
        const kept = (cell[2] ?? '').split(', ').filter((proof) => !gone.includes(/`([^`]+)`/.exec(proof)?.[1] ?? ''));
        if (kept.length === 0) return [];
        return [`${cell[1]}${kept.join(', ')}${cell[3]}`];
      })
      .join('\n'),
  );
}

/** --no-example: no Todo resource, its route-table lines or the tests that use it; the generator's templates stay. */
export function dropExample(files: FileSet): void {
  removeWhere(files, (file) => file.startsWith('src/resources/todos/') || EXAMPLE_CLIENT.test(file));
  dropScripts(files, CLIENT_SCRIPTS);
  dropSections(files, CLIENT_SECTIONS);
  edit(files, 'src/resources/index.ts', (content) =>
    content
      .split('\n')
      .filter((line) => !/todosResource|from '\.\/todos'/.test(line))
      .join('\n'),
  );
  const before = [...files.keys()];
  removeWhere(
    files,
    (file, content) =>
      EXAMPLE_DEPENDENT_TESTS.includes(file) ||
      (/\.test\.ts$/.test(file) && typeof content === 'string' && USES_EXAMPLE.test(content)),
  );
  const gone = ['src/resources/todos/todos.test.ts', ...before.filter((file) => !files.has(file))];
  dropProofs(files, gone);
}

/** A test outside infra/ that loads the Pulumi program's modules (the deploy workflow's test does). */
const USES_INFRA = /from '(\.\.\/)+infra\//;

/** --no-infra: no Pulumi program, stacks, policy pack, deploy workflow, their tests, or links to the deploy guide. */
export function dropInfra(files: FileSet): void {
  removeWhere(
    files,
    (file, content) =>
      file.startsWith('infra/') ||
      /^Pulumi(\.[\w-]+)?\.ya?ml$/.test(file) ||
      /^\.github\/workflows\/[^/]*deploy[^/]*\.ya?ml$/.test(file) ||
      file === 'docs/deploy-aws.md' ||
      (/\.test\.ts$/.test(file) && typeof content === 'string' && USES_INFRA.test(content)),
  );
  // Links to the deploy guide keep their words; a line that is only such a link (a table of contents row) goes.
  for (const file of [...files.keys()].filter((name) => name === 'README.md' || /^docs\/.*\.md$/.test(name))) {
    edit(files, file, (content) =>
      content
        .split('\n')
        .filter((line) => !/^\|[^|]*\| \[[^\]]*\]\([^)]*deploy-aws\.md[^)]*\) \|$/.test(line))
        .map((line) => line.replace(/\[([^\]]*)\]\([^)]*deploy-aws\.md[^)]*\)/g, '$1'))
        .join('\n'),
    );
  }
}

const JWKS_LINE = /^#?\s*JWKS_(URL|ISSUER|AUDIENCE)=.*$/;

function betterAuthBlock(name: ProjectName): string[] {
  return [
    '',
    "# Better Auth's jwt plugin signs the frontend's tokens; the API verifies them with its JWKS (see README).",
    "# JWKS_URL: the frontend's /api/auth/jwks. JWKS_ISSUER / JWKS_AUDIENCE: the plugin's jwt.issuer (its",
    '# baseURL by default) and jwt.audience. Set all three or none; JWKS_URL must be https in production.',
    'JWKS_URL=http://localhost:3000/api/auth/jwks',
    'JWKS_ISSUER=http://localhost:3000',
    `JWKS_AUDIENCE=${name.kebab}-api`,
  ];
}

/** --issuer better-auth: .env.example pre-fills JWKS_* for a Better Auth frontend on localhost:3000. */
export function prefillIssuer(files: FileSet, issuer: Issuer, name: ProjectName): void {
  if (issuer !== 'better-auth') return;
  edit(files, '.env.example', (content) => {
    const lines = content.split('\n').filter((line) => !JWKS_LINE.test(line));
    const at = lines.findIndex((line) => line.startsWith('JWT_AUDIENCE='));
    lines.splice(at < 0 ? lines.length : at + 1, 0, ...betterAuthBlock(name));
    return lines.join('\n');
  });
}
