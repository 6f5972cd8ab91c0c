// Token revocation: every access token carries the user's token_version; bumping it invalidates them all.
import { DataTypes } from 'sequelize';
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.addColumn('users', 'token_version', {
    type: DataTypes.INTEGER,
    allowNull: false,
    defaultValue: 0,
  });
};

export const down: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.removeColumn('users', 'token_version');
};
