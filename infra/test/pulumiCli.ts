// Starts the program and the policy pack exactly as the Pulumi CLI's nodejs language host does, from @pulumi/pulumi's own entries.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as analyzerRpc from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import * as analyzerProto from '@pulumi/pulumi/proto/analyzer_pb';
import { Struct, type JavaScriptValue } from 'google-protobuf/google/protobuf/struct_pb';
import { parse } from 'yaml';
import { startMockEngine, type MockEngine, type RegisteredResource } from './mockEngine';
import { ROOT } from './mockedProgram';

/** Where the CLI starts the program: Pulumi.yaml `main` split into a working directory and an entry point. */
export interface ProgramLocation {
  pwd: string;
  entryPoint: string;
}

/**
 * The CLI's rule (getPwdMain in pkg/cmd/pulumi): no `main` runs the project root as `.`; a directory runs as `.`
 * inside it, which the runner resolves through the nearest package.json; a file runs by its base name.
 */
export function programLocation(projectRoot: string): ProgramLocation {
  const project = parse(readFileSync(path.join(projectRoot, 'Pulumi.yaml'), 'utf8')) as { main?: string };
  if (!project.main) return { pwd: projectRoot, entryPoint: '.' };
  const main = path.join(projectRoot, project.main);
  return statSync(main).isDirectory()
    ? { pwd: main, entryPoint: '.' }
    : { pwd: path.dirname(main), entryPoint: path.basename(main) };
}

/**
 * A copy of the project as an adopter's checkout looks after `npm ci && npm run build`: every tracked file,
 * node_modules linked, and a dist/server.js at package.json's `main` that fails loudly if it is ever run.
 */
export function stageProject(pulumiYaml?: (text: string) => string): { root: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'rampart-pulumi-'));
  cpSync(ROOT, root, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(path.relative(ROOT, source)),
  });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const main = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string }).main;
  mkdirSync(path.dirname(path.join(root, main)), { recursive: true });
  writeFileSync(path.join(root, main), `throw new Error('${API_SERVER_MARKER}');\n`);
  if (pulumiYaml) {
    const file = path.join(root, 'Pulumi.yaml');
    writeFileSync(file, pulumiYaml(readFileSync(file, 'utf8')));
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Not part of a checkout (or replaced): installed packages, build output, local data and reports. */
const LEFT_OUT = new Set(['.git', 'node_modules', 'dist', '.data', 'coverage', 'reports', 'test-artifacts']);

/** What the staged dist/server.js throws, so a test can tell "ran the API server" from any other failure. */
export const API_SERVER_MARKER = 'dist/server.js (the API server) was loaded instead of the Pulumi program';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ProgramRunResult extends ProcessResult {
  engine: MockEngine;
}

/** `pulumi preview` for one stack: the runner under the language host's flags and environment, against a mock engine. */
export async function runWithPulumiRunner(
  projectRoot: string,
  stack: string,
  config: Record<string, string>,
  timeoutMs = 400_000,
): Promise<ProgramRunResult> {
  const project = (parse(readFileSync(path.join(projectRoot, 'Pulumi.yaml'), 'utf8')) as { name: string }).name;
  const { pwd, entryPoint } = programLocation(projectRoot);
  const engine = await startMockEngine(project, stack);
  try {
    const runner = path.join(projectRoot, 'node_modules/@pulumi/pulumi/cmd/run');
    const args = [
      runner,
      `--monitor=${engine.address}`,
      `--engine=${engine.address}`,
      `--project=${project}`,
      `--stack=${stack}`,
      `--root-directory=${projectRoot}`,
      `--pwd=${pwd}`,
      '--dry-run',
      '--parallel=16',
      entryPoint,
    ];
    const result = await runNode(
      args,
      pwd,
      {
        PULUMI_CONFIG: JSON.stringify(config),
        PULUMI_CONFIG_SECRET_KEYS: '[]',
        // Pulumi.yaml `runtime.options.typescript: true`.
        PULUMI_NODEJS_TYPESCRIPT: 'true',
      },
      timeoutMs,
    );
    return { ...result, engine };
  } finally {
    await engine.close();
  }
}

/** Runs node with args in cwd; resolves on exit (or kills the process after timeoutMs). */
export function runNode(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface PolicyPackServer {
  analyzer: analyzerRpc.AnalyzerClient;
  /** Everything the pack printed to stderr (type errors, crashes). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * `pulumi preview --policy-pack <dir>`: the language host starts `run-policy-pack <engine> .` with the pack's
 * directory as working directory, and dials the port the pack prints on stdout.
 */
export function startPolicyPack(
  packDir: string,
  engineAddress: string,
  timeoutMs = 240_000,
): Promise<PolicyPackServer> {
  const runner = path.join(ROOT, 'node_modules/@pulumi/pulumi/cmd/run-policy-pack');
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [runner, engineAddress, '.'], {
    cwd: packDir,
    env: process.env,
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${reason}\n${stderr}`)));
    };
    const timer = setTimeout(() => fail('the policy pack printed no port in time'), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const early = (code: number | null) => fail(`the policy pack exited with ${code} before serving`);
    child.on('close', early);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.off('close', early);
      const analyzer = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      resolve({
        analyzer,
        stderr: () => stderr,
        stop: async () => {
          analyzer.close();
          await stop();
        },
      });
    });
  });
}

export interface Diagnostic {
  policy: string;
  level: 'advisory' | 'mandatory' | 'disabled' | 'remediate';
  resource: string;
  message: string;
}

const LEVELS = ['advisory', 'mandatory', 'disabled', 'remediate'] as const;

/** Sends each resource through the Analyzer's Analyze RPC, as the engine does for every resource of a preview. */
export async function analyzeResources(
  analyzer: analyzerRpc.AnalyzerClient,
  resources: readonly RegisteredResource[],
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    const request = new analyzerProto.AnalyzeRequest()
      .setType(resource.type)
      .setName(resource.name)
      .setUrn(resource.urn)
      .setProperties(Struct.fromJavaScript(resource.inputs as Record<string, JavaScriptValue>))
      .setOptions(
        new analyzerProto.AnalyzerResourceOptions()
          .setParent(resource.parent)
          .setProtect(resource.protect)
          .setIgnorechangesList(resource.ignoreChanges),
      );
    const response = await new Promise<analyzerProto.AnalyzeResponse>((resolve, reject) =>
      analyzer.analyze(request, (err, answer) => (err ? reject(err) : resolve(answer))),
    );
    for (const diagnostic of response.getDiagnosticsList()) {
      diagnostics.push({
        policy: diagnostic.getPolicyname(),
        level: LEVELS[diagnostic.getEnforcementlevel()] ?? 'disabled',
        resource: resource.name,
        message: diagnostic.getMessage(),
      });
    }
  }
  return diagnostics;
}
