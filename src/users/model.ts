// The users table and the only shape of a user that leaves the API.
import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  id: CreationOptional<number>;
  /** Null for an external issuer's user whose email that issuer has not verified. */
  email: string | null;
  email_verified: CreationOptional<boolean>;
  name: string;
  /** Null for users who only sign in through an external issuer. */
  password_hash: string | null;
  role: CreationOptional<Role>;
  /** External issuers' tokens issued before this instant are refused (their sign-out-everywhere). */
  revoked_before: CreationOptional<Date | null>;
  created_at: CreationOptional<Date>;
  updated_at: CreationOptional<Date>;
}

export type UserModel = ModelStatic<User>;

/** Defines the User model on this Sequelize instance once and returns it. */
export function defineUserModel(sequelize: Sequelize): UserModel {
  if (sequelize.models.User) return sequelize.models.User as UserModel;
  return sequelize.define<User>(
    'User',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      email: { type: DataTypes.STRING(254), allowNull: true, unique: true },
      email_verified: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      name: { type: DataTypes.STRING(100), allowNull: false },
      password_hash: { type: DataTypes.STRING(100), allowNull: true },
      role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'user' },
      revoked_before: { type: DataTypes.DATE, allowNull: true },
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'users', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
}

export interface PublicUser {
  id: number;
  email: string | null;
  email_verified: boolean;
  name: string;
  role: Role;
  created_at: Date;
}

/** Never serialise a User row directly: it holds the password hash. */
export function toPublicUser(user: Pick<User, keyof PublicUser>): PublicUser {
  return {
    id: user.id,
    email: user.email,
    email_verified: user.email_verified,
    name: user.name,
    role: user.role,
    created_at: user.created_at,
  };
}
