// Users who sign in through an external issuer (JWKS): one row per (issuer, subject), created on first sight.
import { DataTypes } from 'sequelize';
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: { queryInterface, sequelize } }) => {
  await queryInterface.createTable('external_identities', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    user_id: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    issuer: { type: DataTypes.STRING(255), allowNull: false },
    subject: { type: DataTypes.STRING(255), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
  });
  await queryInterface.addConstraint('external_identities', {
    fields: ['issuer', 'subject'],
    type: 'unique',
    name: 'external_identities_issuer_subject',
  });
  await queryInterface.addIndex('external_identities', ['user_id'], { name: 'external_identities_user_id' });
  // Externally authenticated users have no local password.
  await queryInterface.changeColumn('users', 'password_hash', { type: DataTypes.STRING(100), allowNull: true });
};

export const down: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.dropTable('external_identities');
  await queryInterface.changeColumn('users', 'password_hash', { type: DataTypes.STRING(100), allowNull: false });
};
