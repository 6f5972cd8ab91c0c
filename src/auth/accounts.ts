// Account use-cases: sign-up, sign-in, password change and reset, email verification and change, sessions.
// Routes only choose cookie or body and the status; every rule about accounts lives here.
import { Transaction, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { Config } from '../config';
import { ValidationError, problem } from '../http/errors';
import type { Logger } from '../logger';
import { emailChangedMail, passwordResetMail, verifyEmailMail } from '../mail/messages';
import type { Mailer } from '../mail/mailer';
import type { User, UserModel } from '../users/model';
import type { AccountTokenStore } from './accountTokens';
import { passwordProblem } from './passwordPolicy';
import { hashPassword, type PasswordVerifier } from './passwords';
import type { PasswordChangeBody, ProfileChangeBody, SigninBody, SignupBody } from './schemas';
import { newSessionId, type PublicSession, type SessionClient, type SessionStore } from './sessions';
import type { TokenService } from './tokens';

/** Who is asking: where a new session comes from, and what the log lines carry. */
export interface Caller extends SessionClient {
  reqId?: unknown;
}

export interface SignedIn {
  user: User;
  token: string;
}

export interface AccountsDeps {
  users: UserModel;
  sessions: SessionStore;
  accountTokens: AccountTokenStore;
  tokens: TokenService;
  passwords: PasswordVerifier;
  bcryptRounds: number;
  mailer: Mailer;
  settings: Config['accounts'];
  appName: string;
  logger: Logger;
}

export interface Accounts {
  signUp(body: SignupBody, caller: Caller): Promise<SignedIn>;
  /** Unknown emails cost the same bcrypt comparison as wrong passwords, and get the same 401. */
  signIn(body: SigninBody, caller: Caller): Promise<SignedIn>;
  /** Ends every session and opens a new one; of two concurrent changes, the later one ends the earlier. */
  changePassword(
    user: User,
    sessionId: string | undefined,
    body: PasswordChangeBody,
    caller: Caller,
  ): Promise<SignedIn>;
  /** Ends every session of the user, and voids the external issuer's tokens issued so far. */
  signOutEverywhere(user: User, caller: Caller): Promise<void>;
  listSessions(user: User, currentId: string | undefined): Promise<PublicSession[]>;
  /** Ends one of the user's sessions; 404 for any id that is not one of their live sessions. */
  endSession(user: User, sessionId: string): Promise<void>;
  /** Mails a reset link when the account exists; answers the same either way. */
  forgotPassword(email: string, caller: Caller): Promise<void>;
  resetPassword(token: string, newPassword: string, caller: Caller): Promise<SignedIn>;
  requestVerification(user: User, caller: Caller): Promise<void>;
  verifyEmail(token: string, caller: Caller): Promise<User>;
  /** Name changes freely; an email change needs the current password and must be verified again. */
  updateProfile(user: User, body: ProfileChangeBody, caller: Caller): Promise<User>;
}

function weakPassword(problem: string): ValidationError {
  return new ValidationError([{ loc: ['body', 'new_password'], msg: problem, type: 'value_error' }]);
}

export function createAccounts(deps: AccountsDeps): Accounts {
  const { users, sessions, accountTokens, tokens, passwords, mailer, settings, logger } = deps;
  const sequelize = users.sequelize as Sequelize;
  const mailContext = { appName: deps.appName };
  const link = (path: string, token: string) => `${settings.appUrl}${path}?token=${encodeURIComponent(token)}`;

  async function openSession(user: User, caller: Caller, transaction?: Transaction): Promise<SignedIn> {
    const sessionId = newSessionId();
    const { token, expiresAt } = await tokens.issue(user, sessionId);
    await sessions.open(user.id, sessionId, expiresAt, caller, transaction);
    return { user, token };
  }

  /** The stored hash, read when a password is checked: the per-request user is read without it. */
  async function passwordHashOf(user: User): Promise<string | null> {
    return (await users.findByPk(user.id, { attributes: ['password_hash'] }))?.password_hash ?? null;
  }

  async function sendVerification(userId: number, email: string, throttle: boolean, transaction?: Transaction) {
    const issued = await accountTokens.issueVerification({ userId, email }, settings.verifyTtlSeconds, {
      throttle,
      transaction,
    });
    return (
      issued &&
      verifyEmailMail(mailContext, email, link(settings.verifyEmailPath, issued.token), settings.verifyTtlSeconds)
    );
  }

  /**
   * Writes a new password hash, ends every session and voids outstanding reset links, all in one
   * transaction holding the user's row lock; `stillAllowed` runs under that lock and may refuse.
   */
  async function replacePassword(
    userId: number,
    hash: string,
    caller: Caller,
    stillAllowed: (transaction: Transaction) => Promise<void>,
  ): Promise<SignedIn> {
    return sequelize.transaction(async (transaction) => {
      const user = await users.findByPk(userId, { transaction, lock: Transaction.LOCK.UPDATE });
      if (!user) throw problem('INVALID_TOKEN');
      await stillAllowed(transaction);
      await user.update({ password_hash: hash }, { transaction });
      await sessions.revokeAll(userId, transaction);
      await accountTokens.voidAll(userId, 'reset', transaction);
      return openSession(user, caller, transaction);
    });
  }

  return {
    async signUp(body, caller) {
      const passwordHash = await hashPassword(body.password, deps.bcryptRounds);
      let signedIn: SignedIn;
      let mail;
      try {
        ({ signedIn, mail } = await sequelize.transaction(async (transaction) => {
          const user = await users.create(
            { email: body.email, name: body.name, password_hash: passwordHash },
            { transaction },
          );
          return {
            signedIn: await openSession(user, caller, transaction),
            mail: await sendVerification(user.id, body.email, false, transaction),
          };
        }));
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw problem('EMAIL_TAKEN');
        throw err;
      }
      if (mail) mailer.send(mail);
      return signedIn;
    },

    async signIn(body, caller) {
      const user = await users.findOne({ where: { email: body.email } });
      // Unknown emails are compared against a dummy hash, so both failures cost the same time.
      if (!(await passwords.verify(body.password, user?.password_hash ?? undefined)) || !user) {
        logger.warn(
          {
            event: 'auth.signin_failed',
            email: body.email,
            ip: caller.ip,
            reqId: caller.reqId,
            knownUser: Boolean(user),
          },
          'sign-in failed',
        );
        throw problem('INVALID_CREDENTIALS');
      }
      return openSession(user, caller);
    },

    async changePassword(user, sessionId, body, caller) {
      const currentHash = sessionId ? await passwordHashOf(user) : null;
      if (currentHash === null || !sessionId) throw problem('EXTERNAL_ACCOUNT');
      if (!(await passwords.verify(body.current_password, currentHash))) {
        logger.warn(
          { event: 'auth.password_change_failed', userId: user.id, reqId: caller.reqId },
          'wrong current password',
        );
        throw problem('WRONG_PASSWORD');
      }
      const weakness = passwordProblem(body.new_password, user.email ?? undefined);
      if (weakness) throw weakPassword(weakness);
      const hash = await hashPassword(body.new_password, deps.bcryptRounds);
      const signedIn = await replacePassword(user.id, hash, caller, async (transaction) => {
        // A concurrent change or sign-out-everywhere that committed first has ended this session: it loses.
        if (!(await sessions.isLive(sessionId, transaction))) throw problem('INVALID_TOKEN');
      });
      logger.info({ event: 'auth.password_changed', userId: user.id, reqId: caller.reqId }, 'password changed');
      return signedIn;
    },

    async signOutEverywhere(user, caller) {
      await sequelize.transaction(async (transaction) => {
        // Taking the row lock orders this against a concurrent password change.
        await users.update({ revoked_before: new Date() }, { where: { id: user.id }, transaction });
        await sessions.revokeAll(user.id, transaction);
      });
      logger.info({ event: 'auth.signout_all', userId: user.id, reqId: caller.reqId }, 'all sessions revoked');
    },

    listSessions(user, currentId) {
      return sessions.listActive(user.id, currentId);
    },

    async endSession(user, sessionId) {
      if (!(await sessions.revoke(user.id, sessionId))) throw problem('NOT_FOUND', { detail: 'Session not found' });
    },

    async forgotPassword(email, caller) {
      const issued = await accountTokens.issueReset(email, settings.resetTtlSeconds);
      logger.info(
        { event: 'auth.password_reset_requested', userId: issued?.userId, ip: caller.ip, reqId: caller.reqId },
        'password reset requested',
      );
      if (!issued) return;
      mailer.send(
        passwordResetMail(
          mailContext,
          issued.email,
          link(settings.resetPasswordPath, issued.token),
          settings.resetTtlSeconds,
        ),
      );
    },

    async resetPassword(token, newPassword, caller) {
      const owner = await accountTokens.peek('reset', token);
      if (!owner) throw problem('INVALID_RESET_TOKEN');
      // A weak password is refused before the token is used up, so the link still works for a second try.
      const weakness = passwordProblem(newPassword, owner.email);
      if (weakness) throw weakPassword(weakness);
      const hash = await hashPassword(newPassword, deps.bcryptRounds);
      const signedIn = await replacePassword(owner.userId, hash, caller, async (transaction) => {
        if (!(await accountTokens.consume('reset', token, transaction))) throw problem('INVALID_RESET_TOKEN');
      });
      logger.info({ event: 'auth.password_reset', userId: owner.userId, reqId: caller.reqId }, 'password reset');
      return signedIn;
    },

    async requestVerification(user, caller) {
      if (!user.email) throw problem('NO_EMAIL');
      if (user.email_verified) throw problem('EMAIL_ALREADY_VERIFIED');
      const mail = await sendVerification(user.id, user.email, true);
      logger.info(
        { event: 'auth.verification_requested', userId: user.id, sent: Boolean(mail), reqId: caller.reqId },
        'verification requested',
      );
      if (mail) mailer.send(mail);
    },

    async verifyEmail(token, caller) {
      const user = await sequelize.transaction(async (transaction) => {
        const owner = await accountTokens.consume('verify', token, transaction);
        if (!owner) return null;
        // The link proves the address it was sent to: if the email changed since, it proves nothing.
        const [, rows] = await users.update(
          { email_verified: true },
          { where: { id: owner.userId, email: owner.email }, transaction, returning: true },
        );
        return rows[0] ?? null;
      });
      if (!user) throw problem('INVALID_VERIFY_TOKEN');
      logger.info({ event: 'auth.email_verified', userId: user.id, reqId: caller.reqId }, 'email verified');
      return user;
    },

    async updateProfile(user, body, caller) {
      const changes: Partial<Pick<User, 'name' | 'email' | 'email_verified'>> = {};
      if (body.name !== undefined) changes.name = body.name;
      const newEmail = body.email !== undefined && body.email !== user.email ? body.email : undefined;
      if (newEmail) {
        const currentHash = await passwordHashOf(user);
        if (currentHash === null) throw problem('EXTERNAL_ACCOUNT');
        if (!(await passwords.verify(body.current_password ?? '', currentHash))) {
          throw problem('WRONG_PASSWORD');
        }
        Object.assign(changes, { email: newEmail, email_verified: false });
      }
      const oldEmail = user.email;
      let mail;
      try {
        mail = await sequelize.transaction(async (transaction) => {
          await user.update(changes, { transaction });
          if (!newEmail) return null;
          await accountTokens.voidAll(user.id, 'verify', transaction);
          return sendVerification(user.id, newEmail, false, transaction);
        });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw problem('EMAIL_TAKEN');
        throw err;
      }
      if (newEmail) {
        if (mail) mailer.send(mail);
        if (oldEmail) mailer.send(emailChangedMail(mailContext, oldEmail, newEmail));
        logger.info({ event: 'auth.email_changed', userId: user.id, reqId: caller.reqId }, 'email changed');
      }
      return user;
    },
  };
}
