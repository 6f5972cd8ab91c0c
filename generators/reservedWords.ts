// Words a resource or field may not be named: they break generated JavaScript or need quoting in SQL.

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

/** PostgreSQL reserved key words (SQL:2016 column "PostgreSQL: reserved"). */
// prettier-ignore
export const SQL_RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'binary', 'both',
  'case', 'cast', 'check', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create', 'cross',
  'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch',
  'for', 'foreign', 'freeze', 'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'initially', 'inner',
  'intersect', 'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime',
  'localtimestamp', 'natural', 'not', 'notnull', 'null', 'offset', 'on', 'only', 'or', 'order', 'outer', 'overlaps',
  'placing', 'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some', 'symmetric',
  'system_user', 'table', 'tablesample', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using',
  'variadic', 'verbose', 'when', 'where', 'window', 'with',
]);

/** Names the base app already uses under /api, or that exist as resources in every Rampart app. */
export const BASE_ROUTE_NAMES = new Set(['user', 'users', 'auth', 'admin', 'health', 'profile', 'me', 'api']);

/** Columns every generated table has, or that the pagination query uses. */
export const RESERVED_FIELDS = new Set(['id', 'user_id', 'created_at', 'updated_at', 'cursor', 'limit']);
