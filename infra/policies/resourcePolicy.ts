// A resource policy bound to Pulumi type tokens, so it runs without importing @pulumi/aws and is easy to test.
import type { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy } from '@pulumi/policy';

/** Resource inputs as CrossGuard hands them over: untyped, checked by shape at run time. */
export type Props = ResourceValidationArgs['props'];
export type Report = (message: string) => void;

export interface RampartPolicy extends ResourceValidationPolicy {
  enforcementLevel: EnforcementLevel;
  /** The type tokens this policy inspects, e.g. `aws:rds/instance:Instance`. */
  resourceTypes: readonly string[];
  validateResource: (args: ResourceValidationArgs, reportViolation: (message: string, urn?: string) => void) => void;
}

export interface PolicySpec {
  /** The Checkov id when one exists (CKV_AWS_16), else RAMPART_<AREA>_<RULE>. */
  name: string;
  description: string;
  enforcementLevel: 'mandatory' | 'advisory';
  resourceTypes: readonly string[];
  /** `type` tells apart the resource kinds a policy covers when they spell the same rule differently. */
  check(props: Props, report: Report, type: string): void;
}

// Under `pulumi preview`, reading a value not known yet throws inside @pulumi/policy's proxy and the check is
// deferred to `pulumi up`, so checks read properties plainly.
export function resourcePolicy(spec: PolicySpec): RampartPolicy {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    resourceTypes: spec.resourceTypes,
    validateResource(args, reportViolation) {
      if (!spec.resourceTypes.includes(args.type)) return;
      spec.check(args.props, (message) => reportViolation(message), args.type);
    },
  };
}

/** Parses a JSON document property (ECS container definitions, IAM policies) that may arrive as text or data. */
export function jsonProperty(value: unknown): Props | Props[] | undefined {
  return (typeof value === 'string' ? JSON.parse(value) : value) as Props | Props[] | undefined;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
