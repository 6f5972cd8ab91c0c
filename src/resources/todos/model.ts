// The todos table: each row belongs to one user (user_id).
import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export interface Todo extends Model<InferAttributes<Todo>, InferCreationAttributes<Todo>> {
  id: CreationOptional<number>;
  user_id: number;
  title: string;
  description: string | null;
  completed: CreationOptional<boolean>;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export type TodoModel = ModelStatic<Todo>;

/** Defines the Todo model on this Sequelize instance once and returns it. */
export function defineTodoModel(sequelize: Sequelize): TodoModel {
  if (sequelize.models.Todo) return sequelize.models.Todo as TodoModel;
  return sequelize.define<Todo>(
    'Todo',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.STRING(2000), allowNull: true },
      completed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'todos', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}
