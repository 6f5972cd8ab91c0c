// Password hashing with bcrypt, bounded to the cores, and the dummy comparison that keeps unknown-email sign-ins
// as slow as real ones.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import bcrypt from 'bcrypt';
import { problem } from '../http/errors';

/** bcrypt ignores everything after 72 bytes, so longer passwords are refused rather than truncated. */
export const MAX_PASSWORD_BYTES = 72;

/** NIST 800-63B asks for Unicode normalisation so the same password typed differently still matches. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(normalizePassword(password), 'utf8') > MAX_PASSWORD_BYTES;
}

export type HashGate = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Runs at most `slots` bcrypt calls at once and lets up to `queueLimit` more wait; beyond that it answers 503
 * with Retry-After at once. A flood of sign-ins then costs a bounded share of the CPU, and the event loop keeps
 * a core for every other request, instead of the libuv pool hashing on every core while the queue grows.
 */
export function createHashGate(slots: number, queueLimit: number): HashGate {
  if (!Number.isInteger(slots) || slots < 1) throw new TypeError(`slots must be a positive integer, got ${slots}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running < slots) running += 1;
    else if (waiting.length >= queueLimit) throw problem('HASHING_BUSY');
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** One core stays with the event loop; the rest hash. 16 waiting per slot absorb a burst of real users. */
const HASH_SLOTS = Math.max(1, os.availableParallelism() - 1);
const processGate = createHashGate(HASH_SLOTS, HASH_SLOTS * 16);

export async function hashPassword(password: string, rounds: number, gate: HashGate = processGate): Promise<string> {
  if (passwordTooLong(password)) throw new Error('password exceeds bcrypt input length');
  return gate(() => bcrypt.hash(normalizePassword(password), rounds));
}

/** The cost factor recorded in a bcrypt hash ($2b$12$... -> 12). */
export function hashRounds(hash: string): number {
  return Number(hash.split('$')[2]);
}

export interface PasswordVerifier {
  /** True only for the right password; a missing hash or an over-long password costs a full bcrypt comparison too. */
  verify(password: string, hash: string | undefined): Promise<boolean>;
}

export type HashComparer = (password: string, hash: string) => Promise<boolean>;

/** `compare` is bcrypt's; tests pass an instrumented one to see that every path pays for a comparison. */
export function createPasswordVerifier(
  rounds: number,
  compare: HashComparer = bcrypt.compare,
  gate: HashGate = processGate,
): PasswordVerifier {
  let dummyHash: Promise<string> | undefined;
  const getDummyHash = () => (dummyHash ??= bcrypt.hash(randomBytes(32).toString('hex'), rounds));
  return {
    async verify(password, hash) {
      const usable = hash !== undefined && !passwordTooLong(password);
      const against = usable ? hash : await getDummyHash();
      const matches = await gate(() => compare(usable ? normalizePassword(password) : 'x', against));
      return usable && matches;
    },
  };
}
