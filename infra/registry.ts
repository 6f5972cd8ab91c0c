// The ECR repository CI pushes the API image to; deploys then reference it by digest.
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** Deployable images are tagged `release-<git sha>`; no lifecycle rule ever selects them, so a deployed digest stays. */
export const RELEASE_TAG_PREFIX = 'release-';
/** Throwaway builds (branches, experiments) are tagged `ci-<...>` and expire beyond the newest `keepImages`. */
export const CI_TAG_PREFIX = 'ci-';

export interface RegistryArgs {
  /** `ci-` images kept; older ones expire so the repository does not grow without bound. */
  keepImages: number;
  /** Days an untagged image (a layer of a re-push, a failed build) is kept. */
  untaggedDays: number;
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
              description: `Expire untagged images after ${args.untaggedDays} days`,
              selection: {
                tagStatus: 'untagged',
                countType: 'sinceImagePushed',
                countUnit: 'days',
                countNumber: args.untaggedDays,
              },
              action: { type: 'expire' },
            },
            {
              rulePriority: 2,
              description: `Keep the ${args.keepImages} most recent ${CI_TAG_PREFIX}* images; ${RELEASE_TAG_PREFIX}* never expire`,
              selection: {
                tagStatus: 'tagged',
                tagPrefixList: [CI_TAG_PREFIX],
                countType: 'imageCountMoreThan',
                countNumber: args.keepImages,
              },
              action: { type: 'expire' },
            },
          ],
        }),
      },
      { parent: this },
    );

    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
    this.registerOutputs({ repositoryUrl: this.repositoryUrl, repositoryArn: this.repositoryArn });
  }
}
