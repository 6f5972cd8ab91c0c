// CrossGuard entry point: `pulumi preview --policy-pack infra/policies` runs these against the stack.
import { PolicyPack } from '@pulumi/policy';
import { rampartPolicies } from './policies';

new PolicyPack('rampart', {
  policies: rampartPolicies.map(({ name, description, enforcementLevel, validateResource }) => ({
    name,
    description,
    enforcementLevel,
    validateResource,
  })),
});
