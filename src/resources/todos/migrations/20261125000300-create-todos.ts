// Creates todos, owned by users (deleted with them), with the (user_id, id) index keyset pagination walks.
import { DataTypes } from 'sequelize';
import type { Migration } from '../../../db/migrate';

export const up: Migration = async ({ context: { queryInterface, sequelize } }) => {
  await queryInterface.createTable('todos', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    user_id: {
      type: DataTypes.INTEGER,
      allowNull: false,
      references: { model: 'users', key: 'id' },
      onDelete: 'CASCADE',
    },
    title: { type: DataTypes.STRING(200), allowNull: false },
    description: { type: DataTypes.STRING(2000), allowNull: true },
    completed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
    updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: sequelize.fn('now') },
  });
  await queryInterface.addIndex('todos', ['user_id', 'id'], { name: 'todos_user_id_id' });
};

export const down: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.dropTable('todos');
};
