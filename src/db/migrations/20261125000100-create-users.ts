// Users: credentials, role and the columns every owned resource points at.
import { DataTypes } from 'sequelize';
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: { queryInterface, sequelize } }) => {
  await queryInterface.createTable('users', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    email: { type: DataTypes.STRING(254), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    password_hash: { type: DataTypes.STRING(100), allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'user' },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
    updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
  });
  // The application lower-cases emails; the database refuses any that slip through un-normalised.
  await sequelize.query(`ALTER TABLE users ADD CONSTRAINT users_email_lowercase CHECK (email = lower(email))`);
  await sequelize.query(`ALTER TABLE users ADD CONSTRAINT users_role_known CHECK (role IN ('user', 'admin'))`);
};

export const down: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.dropTable('users');
};
