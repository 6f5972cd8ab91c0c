// Image registry policies: images are scanned and a tag, once pushed, cannot be moved.
import { resourcePolicy } from './resourcePolicy';
import { ECR_REPOSITORY } from './types';

export const registryPolicies = [
  resourcePolicy({
    name: 'CKV_AWS_163',
    description: 'ECR repositories scan images on push.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECR_REPOSITORY,
    check(props, report) {
      if (props.imageScanningConfiguration?.scanOnPush !== true)
        report('imageScanningConfiguration.scanOnPush must be true');
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_51',
    description: 'ECR image tags are immutable.',
    enforcementLevel: 'mandatory',
    resourceTypes: ECR_REPOSITORY,
    check(props, report) {
      if (!String(props.imageTagMutability ?? 'MUTABLE').startsWith('IMMUTABLE')) {
        report('imageTagMutability must be IMMUTABLE');
      }
    },
  }),
];
