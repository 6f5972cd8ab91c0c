// The ECR repository CI pushes the API image to; deploys then reference it by digest.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface RegistryArgs {
  /** Images kept; older ones expire so the repository does not grow without bound. */
  keepImages: number;
  /** Lets `pulumi destroy` delete a repository that still holds images (dev stacks only). */
  forceDelete: boolean;
}

export class Registry extends pulumi.ComponentResource {
  readonly repositoryUrl: pulumi.Output<string>;
  readonly repositoryArn: pulumi.Output<string>;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super('rampart:registry:Registry', name, {}, opts);

    const repository = new aws.ecr.Repository(
      name,
      {
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: 'AES256' }],
        forceDelete: args.forceDelete,
      },
      { parent: this },
    );
    new aws.ecr.LifecyclePolicy(
      name,
      {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `Keep the ${args.keepImages} most recent images`,
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: args.keepImages },
              action: { type: 'expire' },
            },
          ],
        }),
      },
      { parent: this },
    );

    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
    this.registerOutputs({ repositoryUrl: this.repositoryUrl });
  }
}
