// Words a resource or field may not be named: they break generated JavaScript, shadow model members or query parameters.

/** ECMAScript reserved words, strict-mode reserved words and globals a generated module shadows. */
// prettier-ignore
export const JS_RESERVED = new Set([
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'eval', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements',
  'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public',
  'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'var', 'void',
  'while', 'with', 'yield', 'constructor', 'prototype', '__proto__', 'object', 'string', 'number', 'boolean',
  'symbol', 'date', 'error', 'promise', 'router', 'request', 'response', 'model', 'z',
]);

/** Names the base app already uses under /api, or that exist as resources in every Rampart app. */
export const BASE_ROUTE_NAMES = new Set(['user', 'users', 'auth', 'admin', 'health', 'profile', 'me', 'api']);

/** Columns every generated table has. */
export const RESERVED_FIELDS = new Set(['id', 'user_id', 'created_at', 'updated_at']);

/** Query parameters of every generated list endpoint: a field of that name could not be filtered by. */
export const LIST_QUERY_PARAMETERS = new Set(['limit', 'cursor', 'sort', 'include']);

/**
 * One-word members of a Sequelize model instance (Model.prototype and the fields it sets): a column of that name
 * would shadow them and break saving, reading or serialising rows. A test keeps this list complete.
 */
// prettier-ignore
export const MODEL_MEMBERS = new Set([
  'constructor', 'sequelize', 'where', 'get', 'set', 'changed', 'previous', 'save', 'reload', 'validate', 'update',
  'destroy', 'restore', 'increment', 'decrement', 'equals', 'uniqno',
]);

/** Identifiers the resource templates declare: a resource whose variable name is one of them would shadow it. */
// prettier-ignore
export const TEMPLATE_IDENTIFIERS = new Set([
  'body', 'req', 'res', 'query', 'params', 'input', 'next', 'db', 'ctx', 'app', 'item', 'items', 'collection',
  'collections', 'walk', 'walks', 'created', 'existing', 'mine', 'theirs', 'parent', 'parents', 'rows', 'row', 'seq',
  'owner', 'owners', 'alice', 'bob', 'carol', 'caller', 'callers', 'page', 'pages', 'changes', 'sequelize', 'router',
  'routers', 'models', 'resource', 'resources', 'ids', 'url', 'urls', 'auth', 'token', 'tokens', 'list', 'lists',
]);

/** PostgreSQL truncates longer identifiers silently, so two names could become one. */
export const MAX_IDENTIFIER_BYTES = 63;

/** Why a column may not have this name, or undefined when it may. */
export function fieldNameProblem(name: string): string | undefined {
  if (RESERVED_FIELDS.has(name)) return `"${name}" is reserved (every resource has it)`;
  if (LIST_QUERY_PARAMETERS.has(name)) {
    return `"${name}" is a query parameter of every list (${[...LIST_QUERY_PARAMETERS].join(', ')}); choose another name`;
  }
  if (MODEL_MEMBERS.has(name)) return `"${name}" would shadow the Sequelize model member of that name`;
  if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    return `"${name}" is longer than PostgreSQL's ${MAX_IDENTIFIER_BYTES}-byte identifier limit`;
  }
  return undefined;
}
