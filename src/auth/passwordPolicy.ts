// Password rules from NIST 800-63B and OWASP ASVS 6.2: length and a blocklist, no composition rules.
import { dictionary } from '@zxcvbn-ts/language-common';
import { MAX_PASSWORD_BYTES, normalizePassword } from './passwords';

export const MIN_PASSWORD_LENGTH = 8;

let commonPasswords: ReadonlySet<string> | undefined;

/** About 50,000 leaked passwords bundled with @zxcvbn-ts/language-common, loaded on first use. */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const normalized = normalizePassword(password);
  if ([...normalized].length < MIN_PASSWORD_LENGTH) {
    return `Password must be at least ${MIN_PASSWORD_LENGTH} characters (10 or more recommended)`;
  }
  if (Buffer.byteLength(normalized, 'utf8') > MAX_PASSWORD_BYTES) {
    return `Password must be at most ${MAX_PASSWORD_BYTES} bytes`;
  }
  if (/^(.)\1*$/su.test(normalized)) return 'Password must not be a single repeated character';
  if (email && normalized.trim().toLowerCase() === email.trim().toLowerCase()) {
    return 'Password must not be your email address';
  }
  if (isCommonPassword(normalized)) return 'Password is too common; choose another';
  return null;
}
