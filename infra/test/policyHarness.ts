// Calls a policy's validateResource the way CrossGuard would, without starting a policy pack server.
import type { ResourceValidationArgs } from '@pulumi/policy';
import type { Props, RampartPolicy } from '../policies/resourcePolicy';

export interface ResourceUnderTest {
  type: string;
  name: string;
  inputs: Props;
}

export function violationsOf(policy: RampartPolicy, resource: ResourceUnderTest): string[] {
  const violations: string[] = [];
  const args = {
    type: resource.type,
    name: resource.name,
    urn: `urn:pulumi:test::rampart::${resource.type}::${resource.name}`,
    props: resource.inputs,
    opts: {},
    stackTags: new Map(),
  } as unknown as ResourceValidationArgs;
  policy.validateResource(args, (message) => violations.push(message));
  return violations;
}
