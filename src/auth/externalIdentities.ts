// Just-in-time accounts for users of an external issuer: (issuer, sub) maps to one local user row.
import {
  DataTypes,
  UniqueConstraintError,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import { problem } from '../http/errors';
import type { User, UserModel } from '../users/model';
import { emailSchema } from './schemas';

interface ExternalIdentity extends Model<InferAttributes<ExternalIdentity>, InferCreationAttributes<ExternalIdentity>> {
  id: CreationOptional<number>;
  user_id: number;
  issuer: string;
  subject: string;
  created_at: CreationOptional<Date>;
}

function defineExternalIdentityModel(sequelize: Sequelize): ModelStatic<ExternalIdentity> {
  if (sequelize.models.ExternalIdentity) return sequelize.models.ExternalIdentity as ModelStatic<ExternalIdentity>;
  return sequelize.define<ExternalIdentity>(
    'ExternalIdentity',
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      user_id: { type: DataTypes.INTEGER, allowNull: false },
      issuer: { type: DataTypes.STRING(255), allowNull: false },
      subject: { type: DataTypes.STRING(255), allowNull: false },
      created_at: DataTypes.DATE,
    },
    { tableName: 'external_identities', createdAt: 'created_at', updatedAt: false },
  );
}

export interface ExternalSubject {
  issuer: string;
  subject: string;
  email?: string;
  name?: string;
}

export type IdentityResolver = (external: ExternalSubject) => Promise<User | null>;

export function createIdentityResolver(users: UserModel): IdentityResolver {
  const sequelize = users.sequelize as Sequelize;
  const identities = defineExternalIdentityModel(sequelize);

  const findLinked = async ({ issuer, subject }: ExternalSubject) => {
    const identity = await identities.findOne({ where: { issuer, subject } });
    return identity ? users.findByPk(identity.user_id) : undefined;
  };

  return async (external) => {
    const linked = await findLinked(external);
    if (linked !== undefined) return linked;

    const email = emailSchema.safeParse(external.email ?? '');
    if (!email.success) throw problem('INVALID_TOKEN');
    const name = (external.name ?? '').trim().slice(0, 100) || email.data;
    try {
      return await sequelize.transaction(async (transaction) => {
        const user = await users.create({ email: email.data, name, password_hash: null }, { transaction });
        await identities.create(
          { user_id: user.id, issuer: external.issuer, subject: external.subject },
          { transaction },
        );
        return user;
      });
    } catch (err) {
      if (!(err instanceof UniqueConstraintError)) throw err;
      // Either a concurrent first request created the link (use it), or the email belongs to another
      // account: never link by email, as the issuer may not have verified it (account takeover).
      const raced = await findLinked(external);
      if (raced !== undefined) return raced;
      throw problem('EMAIL_TAKEN_BY_ANOTHER_METHOD');
    }
  };
}
