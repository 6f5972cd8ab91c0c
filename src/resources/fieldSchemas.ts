// zod schemas of generated field types that need more than one zod call: bounded dates, decimals, bigints, JSON.
import { z } from 'zod';

/** PostgreSQL rejects year 0000 and the generated API promises years 1 to 9999, so both ends are checked here. */
const FIRST_INSTANT = new Date('0001-01-01T00:00:00.000Z').getTime();
const LAST_INSTANT = new Date('9999-12-31T23:59:59.999Z').getTime();
const YEAR_RANGE = 'Year must be between 1 and 9999';

/** `2026-01-31`: a calendar date of years 1 to 9999, kept as the string. */
export const isoDate = () => z.iso.date().refine((value) => value >= '0001-01-01', { error: YEAR_RANGE });

/**
 * An ISO 8601 date-time with an offset, as a Date within years 1 to 9999 (UTC). A Date has no JSON Schema, so the
 * meta says what a response carries (res.json writes the Date as its ISO string); without it, the OpenAPI
 * document and the typed client would give the field no type at all.
 */
export const isoDateTime = () =>
  z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() >= FIRST_INSTANT && date.getTime() <= LAST_INSTANT, { error: YEAR_RANGE })
    .meta({ type: 'string', format: 'date-time' });

/** A decimal(precision, scale) as a string such as `"12.50"`, so no digit is lost to floating point. */
export function decimalString(precision: number, scale: number) {
  const whole = precision - scale;
  const pattern = new RegExp(`^-?\\d{1,${whole}}${scale > 0 ? `(\\.\\d{1,${scale}})?` : ''}$`);
  return z.string().regex(pattern, {
    error: `Must be a decimal string with at most ${whole} digits before the point and ${scale} after`,
  });
}

const INTEGER = /^-?\d{1,19}$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A 64-bit integer as a string (JSON numbers lose precision beyond 2^53). */
export const bigintString = () =>
  z
    .string()
    .regex(INTEGER, { error: 'Must be an integer string' })
    .refine((value) => !INTEGER.test(value) || (BigInt(value) >= INT64_MIN && BigInt(value) <= INT64_MAX), {
      error: 'Must fit in 64 bits',
    });

/** A JSON object whose serialised form is at most `maxBytes` bytes. */
export const jsonObject = (maxBytes: number) =>
  z.record(z.string(), z.unknown()).refine((value) => Buffer.byteLength(JSON.stringify(value)) <= maxBytes, {
    error: `Must be at most ${maxBytes} bytes as JSON`,
  });
