// Grants the admin role to an existing user.
import type { Sequelize } from 'sequelize';
import { defineUserModel } from './model';

export async function promoteToAdmin(sequelize: Sequelize, email: string): Promise<boolean> {
  const [updated] = await defineUserModel(sequelize).update(
    { role: 'admin' },
    { where: { email: email.trim().toLowerCase() } },
  );
  return updated > 0;
}
