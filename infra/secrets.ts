// Application secrets generated at deploy time and kept in Secrets Manager; only their ARNs leave this component.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';

export interface SecretsArgs {
  /** Length of the generated JWT signing secret; the app needs at least 32, HS256 benefits from more. */
  jwtSecretLength: number;
  /** Days a deleted secret stays recoverable (7-30); a shorter window lets a dev stack be recreated sooner. */
  recoveryWindowInDays: number;
}

export class Secrets extends pulumi.ComponentResource {
  readonly jwtSecretArn: pulumi.Output<string>;

  constructor(name: string, args: SecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:secrets:Secrets', name, {}, opts);
    const parent = { parent: this };

    // Alphanumeric keeps the value safe in any env-file or shell context; 64 of them carry ~380 bits.
    const jwtValue = new random.RandomPassword(
      `${name}-jwt`,
      { length: args.jwtSecretLength, special: false, minLower: 4, minUpper: 4, minNumeric: 4 },
      parent,
    );
    const jwtSecret = new aws.secretsmanager.Secret(
      `${name}-jwt`,
      {
        namePrefix: `${name}/jwt-secret-`,
        description: 'Rampart JWT_SECRET (HS256 signing key), injected into tasks through ECS secrets',
        recoveryWindowInDays: args.recoveryWindowInDays,
      },
      parent,
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-jwt`,
      { secretId: jwtSecret.id, secretString: jwtValue.result },
      { parent: this, additionalSecretOutputs: ['secretString'] },
    );

    this.jwtSecretArn = jwtSecret.arn;
    this.registerOutputs({ jwtSecretArn: this.jwtSecretArn });
  }
}
