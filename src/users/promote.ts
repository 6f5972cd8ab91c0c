// Grants the admin role to an existing user, and describes the account first so an operator sees whom.
import { QueryTypes, type Sequelize } from 'sequelize';
import { defineUserModel } from './model';

export interface AccountSummary {
  id: number;
  email: string | null;
  email_verified: boolean;
  created_at: Date;
  role: string;
  /** The external issuer the account signs in through, or null for a local password. */
  issuer: string | null;
}

/** The account with this email (normalised) or id, with how it signs in; null when there is none. */
export async function findAccount(
  sequelize: Sequelize,
  target: { email: string } | { id: number },
): Promise<AccountSummary | null> {
  const [row] = await sequelize.query<AccountSummary>(
    `SELECT u.id, u.email, u.email_verified, u.created_at, u.role,
            (SELECT e.issuer FROM external_identities e WHERE e.user_id = u.id ORDER BY e.id LIMIT 1) AS issuer
     FROM users u WHERE ${'email' in target ? 'u.email = :email' : 'u.id = :id'}`,
    {
      replacements: 'email' in target ? { email: target.email.trim().toLowerCase() } : { id: target.id },
      type: QueryTypes.SELECT,
    },
  );
  return row ?? null;
}

export async function promoteById(sequelize: Sequelize, id: number): Promise<boolean> {
  const [updated] = await defineUserModel(sequelize).update({ role: 'admin' }, { where: { id } });
  return updated > 0;
}

/** Promotes by email whether or not it is verified: for tests and code that already checked; the CLI checks. */
export async function promoteToAdmin(sequelize: Sequelize, email: string): Promise<boolean> {
  const account = await findAccount(sequelize, { email });
  return account ? promoteById(sequelize, account.id) : false;
}

export function describeAccount(account: AccountSummary): string {
  return [
    `id:       ${account.id}`,
    `email:    ${account.email ?? '(none)'} (${account.email_verified ? 'verified' : 'NOT verified'})`,
    `created:  ${account.created_at.toISOString()}`,
    `role:     ${account.role}`,
    `signs in: ${account.issuer ? `through ${account.issuer}` : 'with a local password'}`,
  ].join('\n');
}
