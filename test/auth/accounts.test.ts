// The account use-cases without HTTP: equal-cost sign-in, and a password that changes only together with the sessions.
import { createAccountTokenStore } from '../../src/auth/accountTokens';
import { createAccounts, type Accounts } from '../../src/auth/accounts';
import { createPasswordVerifier, type HashComparer } from '../../src/auth/passwords';
import { createSessionStore, type SessionStore } from '../../src/auth/sessions';
import { createTokenService } from '../../src/auth/tokens';
import { loadConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { createMailer } from '../../src/mail/mailer';
import { defineUserModel, type User } from '../../src/users/model';
import { GOOD_PASSWORD, sessionIdOf, uniqueEmail } from '../support/factories';
import { TEST_JWT_SECRET } from '../support/testApp';
import { makeTempDir, removeDir, workerDatabaseUrl } from '../support/testDatabase';

const caller = { ip: '127.0.0.1', userAgent: 'unit-test' };
let db: Database;
let dataDir: string;
beforeAll(() => {
  db = createDatabase({ ...loadConfig({ DATABASE_URL: workerDatabaseUrl() }).database, url: workerDatabaseUrl() });
  dataDir = makeTempDir('rampart-accounts-');
});
afterAll(async () => {
  await db.close();
  removeDir(dataDir);
});

/** The real use-cases on the real database; `compare` and `sessions` can be wrapped to observe or break them. */
function accountsWith(options: { compare?: HashComparer; sessions?: (real: SessionStore) => SessionStore } = {}) {
  const config = loadConfig({ DATABASE_URL: workerDatabaseUrl(), BCRYPT_ROUNDS: '10', DATA_DIR: dataDir });
  const users = defineUserModel(db.sequelize);
  const realSessions = createSessionStore(users);
  const logger = createLogger('silent');
  return createAccounts({
    users,
    sessions: options.sessions ? options.sessions(realSessions) : realSessions,
    accountTokens: createAccountTokenStore(db.sequelize),
    tokens: createTokenService({ ...config.jwt, secret: TEST_JWT_SECRET }),
    passwords: createPasswordVerifier(10, options.compare),
    bcryptRounds: 10,
    mailer: createMailer(config.mail, logger),
    settings: config.accounts,
    appName: 'Rampart',
    logger,
  });
}

async function newUser(accounts: Accounts): Promise<User> {
  const email = uniqueEmail('unit');
  return (await accounts.signUp({ email, password: GOOD_PASSWORD, name: 'Unit' }, caller)).user;
}

describe('accounts.signIn', () => {
  it('pays exactly one bcrypt comparison for an unknown email, a wrong password and the right one', async () => {
    const comparisons: string[] = [];
    const bcryptCompare: HashComparer = (await import('bcrypt')).default.compare;
    const accounts = accountsWith({
      compare: async (password, hash) => {
        comparisons.push(hash.slice(0, 7));
        return bcryptCompare(password, hash);
      },
    });
    const user = await newUser(accounts);
    const email = user.email as string;
    await expect(accounts.signIn({ email: uniqueEmail('nobody'), password: GOOD_PASSWORD }, caller)).rejects.toThrow(
      'Invalid email or password',
    );
    await expect(accounts.signIn({ email, password: 'wrong password' }, caller)).rejects.toThrow(
      'Invalid email or password',
    );
    await expect(accounts.signIn({ email, password: GOOD_PASSWORD }, caller)).resolves.toMatchObject({
      user: { id: user.id },
    });
    expect(comparisons).toEqual(['$2b$10$', '$2b$10$', '$2b$10$']);
  });
});

describe('accounts.changePassword', () => {
  const countLive = async (userId: number) => {
    const [rows] = await db.sequelize.query(
      'SELECT count(*) AS n FROM sessions WHERE user_id = :userId AND revoked_at IS NULL',
      { replacements: { userId } },
    );
    return Number((rows[0] as { n: string }).n);
  };
  const storedHash = async (id: number) => (await defineUserModel(db.sequelize).findByPk(id))?.password_hash;

  it('writes the new hash, ends every session and opens one new session, together', async () => {
    const accounts = accountsWith();
    const { user, token } = await accounts.signUp(
      { email: uniqueEmail('unit'), password: GOOD_PASSWORD, name: 'Unit' },
      caller,
    );
    await accounts.signIn({ email: user.email as string, password: GOOD_PASSWORD }, caller);
    expect(await countLive(user.id)).toBe(2);
    const before = await storedHash(user.id);
    const sessionId = sessionIdOf(token);
    const changed = await accounts.changePassword(
      user,
      sessionId,
      { current_password: GOOD_PASSWORD, new_password: 'a different long passphrase' },
      caller,
    );
    expect(changed.token).not.toBe(token);
    expect(await storedHash(user.id)).not.toBe(before);
    expect(await countLive(user.id)).toBe(1);
  });

  it('keeps the old hash when ending the sessions fails: neither happens without the other', async () => {
    const accounts = accountsWith({
      sessions: (real) => ({
        ...real,
        revokeAll: async () => {
          throw new Error('sessions unavailable');
        },
      }),
    });
    const { user, token } = await accounts.signUp(
      { email: uniqueEmail('unit'), password: GOOD_PASSWORD, name: 'Unit' },
      caller,
    );
    const before = await storedHash(user.id);
    const sessionId = sessionIdOf(token);
    await expect(
      accounts.changePassword(
        user,
        sessionId,
        { current_password: GOOD_PASSWORD, new_password: 'a different long passphrase' },
        caller,
      ),
    ).rejects.toThrow('sessions unavailable');
    expect(await storedHash(user.id)).toBe(before);
    expect(await countLive(user.id)).toBe(1);
  });

  it('refuses when the session was ended before the change got the lock', async () => {
    const accounts = accountsWith();
    const { user, token } = await accounts.signUp(
      { email: uniqueEmail('unit'), password: GOOD_PASSWORD, name: 'Unit' },
      caller,
    );
    const before = await storedHash(user.id);
    await accounts.signOutEverywhere(user, caller);
    const sessionId = sessionIdOf(token);
    await expect(
      accounts.changePassword(
        user,
        sessionId,
        { current_password: GOOD_PASSWORD, new_password: 'a different long passphrase' },
        caller,
      ),
    ).rejects.toThrow('Invalid token');
    expect(await storedHash(user.id)).toBe(before);
  });
});
