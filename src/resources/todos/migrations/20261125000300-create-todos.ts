// Creates todos, owned by users (deleted with them), with the indexes its lists walk, in one transaction.
import { DataTypes } from 'sequelize';
import type { Migration } from '../../../db/migrate';

export const up: Migration = async ({ context: { queryInterface, sequelize } }) => {
  await sequelize.transaction(async (transaction) => {
    // createTable says IF NOT EXISTS: refuse a table of this name instead of silently adopting it.
    if (await queryInterface.tableExists('todos', { transaction })) {
      throw new Error('table todos already exists');
    }
    await queryInterface.createTable(
      'todos',
      {
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
      },
      { transaction },
    );
    await queryInterface.addIndex('todos', ['user_id', 'id'], { name: 'todos_user_id_id', transaction });
    await queryInterface.addIndex('todos', ['user_id', 'created_at', 'id'], {
      name: 'todos_user_id_created_at_id',
      transaction,
    });
  });
};

export const down: Migration = async ({ context: { queryInterface } }) => {
  await queryInterface.dropTable('todos');
};
