// Checklist: passwords follow NIST 800-63B: a minimum length, no composition rules, and no leaked password.
import type * as PasswordPolicy from '../../src/auth/passwordPolicy';

/**
 * The policy from a fresh copy of its module: the leaked-password list is built on first use and then cached,
 * so only a fresh copy shows how it is built (and a test that checks it is not at the mercy of test order).
 */
function freshPolicy(): typeof PasswordPolicy {
  let policy: typeof PasswordPolicy | undefined;
  jest.isolateModules(() => {
    // No type argument on requireActual: jest's import reader would not see the module, and neither would
    // `jest --findRelatedTests` nor the mutation runs (test/ci/jestImports.test.ts).
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    policy = jest.requireActual('../../src/auth/passwordPolicy') as typeof PasswordPolicy;
  });
  return policy as typeof PasswordPolicy;
}

describe('password policy', () => {
  it('refuses a leaked password in any case, as its first check of the list', () => {
    const { passwordProblem } = freshPolicy();
    for (const leaked of ['password123', 'Password123', 'PASSWORD123', 'iloveyou', 'qwertyuiop']) {
      expect(passwordProblem(leaked)).toBe('Password is too common; choose another');
    }
  });

  it('accepts a long passphrase of common words, with no composition rules', () => {
    const { passwordProblem } = freshPolicy();
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('all lower case and long enough')).toBeNull();
  });

  it("refuses the account's email address as its password, in any case and with spaces around either", () => {
    const { passwordProblem } = freshPolicy();
    const refused = 'Password must not be your email address';
    expect(passwordProblem('Ada@Example.com', 'ada@example.com')).toBe(refused);
    expect(passwordProblem('  ada@example.com ', 'ada@example.com')).toBe(refused);
    expect(passwordProblem('ada@example.com', ' ADA@example.com ')).toBe(refused);
    expect(passwordProblem('ada@example.co', 'ada@example.com')).toBeNull();
    expect(passwordProblem('ada@example.com')).toBeNull();
  });

  it('counts the minimum in characters and the maximum in bytes, as bcrypt reads them', () => {
    const { passwordProblem } = freshPolicy();
    expect(passwordProblem('éèéèéèé')).toBe('Password must be at least 8 characters (10 or more recommended)');
    expect(passwordProblem('éèéèéèéè')).toBeNull();
    expect(passwordProblem('éè'.repeat(18))).toBeNull();
    expect(passwordProblem(`${'éè'.repeat(18)}x`)).toBe('Password must be at most 72 bytes');
    expect(passwordProblem('zzzzzzzzzzzz')).toBe('Password must not be a single repeated character');
  });
});
