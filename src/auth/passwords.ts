// Password hashing with bcrypt, and the dummy comparison that keeps unknown-email sign-ins as slow as real ones.
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';

/** bcrypt ignores everything after 72 bytes, so longer passwords are refused rather than truncated. */
export const MAX_PASSWORD_BYTES = 72;

/** NIST 800-63B asks for Unicode normalisation so the same password typed differently still matches. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function passwordTooLong(password: string): boolean {
  return Buffer.byteLength(normalizePassword(password), 'utf8') > MAX_PASSWORD_BYTES;
}

export async function hashPassword(password: string, rounds: number): Promise<string> {
  if (passwordTooLong(password)) throw new Error('password exceeds bcrypt input length');
  return bcrypt.hash(normalizePassword(password), rounds);
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
export function createPasswordVerifier(rounds: number, compare: HashComparer = bcrypt.compare): PasswordVerifier {
  let dummyHash: Promise<string> | undefined;
  const getDummyHash = () => (dummyHash ??= bcrypt.hash(randomBytes(32).toString('hex'), rounds));
  return {
    async verify(password, hash) {
      const usable = hash !== undefined && !passwordTooLong(password);
      const matches = await compare(usable ? normalizePassword(password) : 'x', usable ? hash : await getDummyHash());
      return usable && matches;
    },
  };
}
