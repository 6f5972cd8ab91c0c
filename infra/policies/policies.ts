// Every Rampart policy, in one list shared by the policy pack and its tests.
import { ecsPolicies } from './ecs';
import { iamPolicies } from './iam';
import { loadBalancerPolicies } from './loadBalancer';
import { logPolicies } from './logs';
import { networkPolicies } from './network';
import { rdsPolicies } from './rds';
import { registryPolicies } from './registry';
import type { RampartPolicy } from './resourcePolicy';

export const rampartPolicies: RampartPolicy[] = [
  ...rdsPolicies,
  ...ecsPolicies,
  ...loadBalancerPolicies,
  ...registryPolicies,
  ...logPolicies,
  ...iamPolicies,
  ...networkPolicies,
];
