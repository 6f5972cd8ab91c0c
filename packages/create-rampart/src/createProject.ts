// Creates a project from the kit: checks everything first, builds it beside the target, commits, then moves it in.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { formatFiles } from './formatFiles';
import { readKitFiles } from './kitFiles';
import { nameProblem, projectName, type ProjectName } from './projectName';
import { renameText } from './renameRules';
import {
  dropExample,
  dropInfra,
  dropKitOnlyParts,
  ISSUERS,
  prefillIssuer,
  type FileSet,
  type Issuer,
} from './variants';

export interface CreateRequest {
  /** The kit: a git checkout, or the template bundled in create-rampart (`packed`). */
  kitDir: string;
  packed: boolean;
  targetDir: string;
  /** Defaults to the target directory's name. */
  name?: string;
  example: boolean;
  infra: boolean;
  issuer?: string;
}

export interface CreatedProject {
  dir: string;
  name: ProjectName;
  fileCount: number;
}

/** A refusal: nothing was written. */
export class CreateError extends Error {}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (result.error) throw new CreateError(`git is needed to start the project's repository: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

function checkRequest(request: CreateRequest): { target: string; name: ProjectName; issuer?: Issuer } {
  const target = path.resolve(request.targetDir);
  const rawName = request.name ?? path.basename(target);
  const problem = nameProblem(rawName);
  if (problem) throw new CreateError(problem);
  if (request.issuer !== undefined && !(ISSUERS as readonly string[]).includes(request.issuer)) {
    throw new CreateError(`--issuer must be one of: ${ISSUERS.join(', ')} (got "${request.issuer}")`);
  }
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new CreateError(`${target} exists and is not a directory`);
    if (readdirSync(target).length > 0)
      throw new CreateError(`${target} is not empty: choose a new or empty directory`);
  }
  if (!existsSync(path.join(request.kitDir, 'package.json'))) {
    throw new CreateError(`${request.kitDir} does not hold the kit (no package.json)`);
  }
  git(process.cwd(), ['--version']);
  return { target, name: projectName(rawName), issuer: request.issuer as Issuer | undefined };
}

/** The project's files, and which of them differ from the kit's (renamed or edited by a variant). */
function buildFiles(
  request: CreateRequest,
  name: ProjectName,
  issuer: Issuer | undefined,
): { files: FileSet; changed: string[] } {
  const files: FileSet = new Map();
  const originals = new Map<string, string>();
  for (const file of readKitFiles(request.kitDir, { packed: request.packed })) {
    if (file.content.includes(0)) {
      files.set(file.path, { content: file.content, mode: file.mode });
      continue;
    }
    const original = file.content.toString('utf8');
    originals.set(file.path, original);
    files.set(file.path, { content: renameText(file.path, original, name), mode: file.mode });
  }
  dropKitOnlyParts(files);
  if (!request.example) dropExample(files);
  if (!request.infra) dropInfra(files);
  if (issuer) prefillIssuer(files, issuer, name);
  const changed = [...files].filter(([file, { content }]) => content !== originals.get(file)).map(([file]) => file);
  return { files, changed };
}

/** The committer for the initial commit: the user's git identity, else one naming this tool. */
function commitEnv(cwd: string): NodeJS.ProcessEnv {
  const configured = spawnSync('git', ['config', 'user.email'], { cwd, encoding: 'utf8' }).stdout.trim();
  if (configured) return process.env;
  const identity = { name: 'create-rampart', email: 'create-rampart@localhost' };
  return {
    ...process.env,
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
}

export async function createProject(request: CreateRequest): Promise<CreatedProject> {
  const { target, name, issuer } = checkRequest(request);
  const { files, changed } = buildFiles(request, name, issuer);

  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const stage = path.join(parent, `.${path.basename(target)}.creating-${process.pid}`);
  try {
    for (const [file, { content, mode }] of files) {
      const full = path.join(stage, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content, { mode });
    }
    await formatFiles(stage, changed);
    git(stage, ['init', '--quiet', '--initial-branch=main']);
    git(stage, ['add', '--all']);
    git(
      stage,
      ['commit', '--quiet', '--no-verify', '-m', `Start ${name.kebab} from the Rampart kit`],
      commitEnv(stage),
    );
    // For development only, and git-ignored: the committed .env.example stays the reference.
    if (files.has('.env.example')) copyFileSync(path.join(stage, '.env.example'), path.join(stage, '.env'));
    if (existsSync(target)) rmdirSync(target);
    renameSync(stage, target);
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    throw err;
  }
  return { dir: target, name, fileCount: files.size };
}
