// Where `rampart` names the product (renamed) and where it names the kit's own code (kept), as ordered rules.
import type { ProjectName } from './projectName';

type Form = keyof ProjectName;

/**
 * Spellings of `rampart` that name the kit's own code, kept as they are in a new project: the generators'
 * markers, the policy rule ids (RAMPART_*, beside Checkov's) and their types, the test environment's variables,
 * and prose naming the kit. Everything else spelling `rampart` names the product or its deployment and is
 * renamed, in Pulumi as one namespace: the project, its config keys, its component types
 * (`acme-api:database:Database`, as `aws:rds:Instance` is AWS's) and its policy pack.
 */
export const KEEP: readonly RegExp[] = [
  /rampart:(spec|resource-imports|resources)\b/g,
  /\bRAMPART_|__RAMPART_/g,
  /\brampartPolicies\b|\bRampartPolicy\b/g,
  /\bcreate-rampart\b|\bnpm create rampart\b/g,
  /\b(made|started|created) from Rampart\b|\bRampart's (generators|CrossGuard policy pack|design)\b/g,
  /\bRampart (AWS guardrails|policy|policies|kit|starter kit)\b|\bevery Rampart app\b/g,
];

/** Contexts that need one spelling whatever the surrounding case says; the first matching rule wins. */
const CONTEXT_RULES: readonly { pattern: RegExp; form: Form }[] = [
  // PostgreSQL names: database and role identifiers cannot hold a hyphen unquoted, and RDS refuses one. The
  // program's `username` and a test's `user` (a connection URL's user) name the same role, so they agree.
  { pattern: /postgres(ql)?:\/\/[^\s'"`]*/g, form: 'snake' },
  { pattern: /\b(databaseName|username|user|DATABASE|database|dbName)\s*[:=]\s*['"`]rampart['"`]/g, form: 'snake' },
];

const WORD = /rampart/gi;

/** Source files, where a bare `rampart` outside strings and comments is a variable or property name. */
const CODE_FILE = /\.(ts|tsx|js|mjs|cjs)$/;

/**
 * Whether a lowercase `rampart` at `at` is a JavaScript name (`const rampart =`, `rampart.get(`, `{ rampart: 1 }`,
 * `b.rampart`): not touching a quote, hyphen, slash or `name:key` colon, and not on a comment line.
 */
function isCodeName(text: string, at: number, length: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (/^\s*(\/\/|\*|\/\*)/.test(text.slice(lineStart, at))) return false;
  const before = text.charAt(at - 1);
  const after = text.slice(at + length, at + length + 2);
  const beforeOk =
    at === lineStart || /[\s([{,.!=&|?<>;]/.test(before) || (before === ':' && /\s/.test(text.charAt(at - 2)));
  const afterOk = /^([\s),.;\]}?!=<>[(]|:\s|$)/.test(after);
  return beforeOk && afterOk;
}

/** The form a bare occurrence takes from its own case and the characters around it. */
function formOf(text: string, at: number, token: string, code: boolean): Form {
  const before = text.charAt(at - 1);
  const after = text.charAt(at + token.length);
  if (token === 'RAMPART') return 'constant';
  if (code && token === 'rampart' && isCodeName(text, at, token.length)) return 'camel';
  if (token === 'Rampart') return /[A-Za-z0-9]/.test(after) ? 'pascal' : 'title';
  if (before === '_' || after === '_') return 'snake';
  if (/[A-Z]/.test(after)) return 'camel';
  return 'kebab';
}

/** Start offsets of every `rampart` the matches of `patterns` cover. */
function coveredOffsets(text: string, patterns: readonly RegExp[]): Set<number> {
  const offsets = new Set<number>();
  for (const pattern of patterns) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      for (const inner of match[0].matchAll(WORD)) offsets.add(match.index + inner.index);
    }
  }
  return offsets;
}

/** `text` of `file` with the product's name replaced by the project's, the kit's code names kept. */
export function renameText(file: string, text: string, name: ProjectName): string {
  if (!/rampart/i.test(text)) return text;
  const kept = coveredOffsets(text, KEEP);
  const forced = new Map<number, Form>();
  for (const rule of CONTEXT_RULES) {
    for (const offset of coveredOffsets(text, [rule.pattern])) if (!forced.has(offset)) forced.set(offset, rule.form);
  }
  return text.replace(WORD, (token: string, at: number) => {
    if (kept.has(at)) return token;
    return name[forced.get(at) ?? formOf(text, at, token, CODE_FILE.test(file))];
  });
}

/** Every `rampart` left in `text` that no KEEP rule covers, as `line: text` (empty when the rename is complete). */
export function leftovers(text: string): string[] {
  const kept = coveredOffsets(text, KEEP);
  const found: string[] = [];
  for (const match of text.matchAll(WORD)) {
    if (kept.has(match.index)) continue;
    const line = text.slice(0, match.index).split('\n').length;
    found.push(`${line}: ${text.split('\n')[line - 1]?.trim() ?? ''}`);
  }
  return found;
}
