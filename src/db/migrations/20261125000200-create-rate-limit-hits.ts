// Rate-limit counters shared by every app instance (see auth/rateLimitStore.ts).
import { DataTypes } from 'sequelize';
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.createTable('rate_limit_hits', {
    key: { type: DataTypes.STRING(255), primaryKey: true },
    hits: { type: DataTypes.INTEGER, allowNull: false },
    reset_at: { type: DataTypes.DATE, allowNull: false },
  });
  await queryInterface.addIndex('rate_limit_hits', ['reset_at'], { name: 'rate_limit_hits_reset_at' });
};

export const down: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.dropTable('rate_limit_hits');
};
