// JSON bodies of the hot paths. Rows read from PostgreSQL are plain objects of strings, numbers, booleans, nulls
// and Dates; JSON.stringify reaches each Date through Date#toJSON, its slow path, which made serialising a page
// of 20 rows cost more CPU than reading it. The output is exactly JSON.stringify's.
import type { Response } from 'express';

const twoDigits = (value: number): string => (value < 10 ? `0${value}` : String(value));

/**
 * Date#toISOString from the date's UTC parts: the same string, several times faster in V8. Years outside
 * 0000-9999 (written with a sign and six digits) are left to toISOString.
 */
export function isoDateTime(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return (
    `${year < 1000 ? String(year).padStart(4, '0') : year}-${twoDigits(date.getUTCMonth() + 1)}-` +
    `${twoDigits(date.getUTCDate())}T${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:` +
    `${twoDigits(date.getUTCSeconds())}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`
  );
}

/** One property value as JSON.stringify writes it inside an object; undefined when it leaves the key out. */
function valueJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'null' : `"${isoDateTime(value)}"`;
      return JSON.stringify(value);
    default:
      // undefined, functions and symbols are left out; a bigint throws, as it does in JSON.stringify.
      return JSON.stringify(value);
  }
}

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** `"key":` per property name; rows have few distinct names (their columns), so the cache stays small. */
const keyPrefixes = new Map<string, string>();
const MAX_CACHED_KEYS = 1_000;

function keyPrefix(key: string): string {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${JSON.stringify(key)}:`;
    if (keyPrefixes.size < MAX_CACHED_KEYS) keyPrefixes.set(key, prefix);
  }
  return prefix;
}

function rowJson(row: unknown): string {
  // Anything but a plain object (a model instance, an object with toJSON) is left to JSON.stringify.
  if (row === null || typeof row !== 'object' || !isPlainObject(row) || 'toJSON' in row) {
    return JSON.stringify(row) ?? 'null';
  }
  let json = '';
  for (const key of Object.keys(row)) {
    const value = valueJson((row as Record<string, unknown>)[key]);
    if (value === undefined) continue;
    json += `${json === '' ? '{' : ','}${keyPrefix(key)}${value}`;
  }
  return json === '' ? '{}' : `${json}}`;
}

/** JSON.stringify of a row or a list of rows, without its Date#toJSON detour. */
export function rowsJson(body: unknown): string {
  if (!Array.isArray(body)) return rowJson(body);
  let json = '[';
  for (let i = 0; i < body.length; i += 1) json += `${i === 0 ? '' : ','}${rowJson(body[i])}`;
  return `${json}]`;
}

/**
 * Sends rows as JSON. A response that no cache may keep (every authenticated one, see noStore) is written
 * directly: an ETag would only be recomputed for a client that cannot have stored the body. Any other response
 * goes through Express's send, which adds the ETag and answers a matching If-None-Match with 304.
 */
export function sendRows(res: Response, status: number, body: unknown): void {
  const json = rowsJson(body);
  res.status(status);
  if (res.getHeader('Cache-Control') !== 'no-store') {
    res.type('json').send(json);
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
