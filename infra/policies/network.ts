// Network policies: described rules, no admin ports or database open to the internet, no stray public IPs.
import { asArray, resourcePolicy, type Props } from './resourcePolicy';
import { DEFAULT_SECURITY_GROUP, INGRESS_RULE, LEGACY_RULE, SECURITY_GROUP, SUBNET, EGRESS_RULE } from './types';

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);
const RULE_TYPES = [...SECURITY_GROUP, ...INGRESS_RULE, ...LEGACY_RULE];

interface Ingress {
  fromPort: number;
  toPort: number;
  protocol: string;
  cidrs: string[];
}

/** Ingress permissions however they are written: inline blocks, separate rule resources, or legacy rules. */
function ingressOf(props: Props, type: 'inline' | 'rule' | 'legacy'): Ingress[] {
  if (type === 'rule') {
    return [
      {
        fromPort: Number(props.fromPort ?? 0),
        toPort: Number(props.toPort ?? 65535),
        protocol: String(props.ipProtocol),
        cidrs: [props.cidrIpv4, props.cidrIpv6].filter(Boolean),
      },
    ];
  }
  if (type === 'legacy') {
    if (props.type !== 'ingress') return [];
    return [
      {
        fromPort: Number(props.fromPort),
        toPort: Number(props.toPort),
        protocol: String(props.protocol),
        cidrs: [...asArray<string>(props.cidrBlocks), ...asArray<string>(props.ipv6CidrBlocks)],
      },
    ];
  }
  return asArray<Props>(props.ingress).map((rule) => ({
    fromPort: Number(rule.fromPort),
    toPort: Number(rule.toPort),
    protocol: String(rule.protocol),
    cidrs: [...asArray<string>(rule.cidrBlocks), ...asArray<string>(rule.ipv6CidrBlocks)],
  }));
}

function publicIngress(type: string, props: Props): Ingress[] {
  const kind = INGRESS_RULE.includes(type) ? 'rule' : LEGACY_RULE.includes(type) ? 'legacy' : 'inline';
  return ingressOf(props, kind).filter((rule) => rule.cidrs.some((cidr) => ANYWHERE.has(cidr)));
}

const covers = (rule: Ingress, port: number) =>
  rule.protocol === '-1' || rule.protocol === 'all' || (rule.fromPort <= port && port <= rule.toPort);

function noPublicPort(name: string, port: number, label: string) {
  return resourcePolicy({
    name,
    description: `Security groups allow no ingress from 0.0.0.0/0 or ::/0 to port ${port} (${label}).`,
    enforcementLevel: 'mandatory',
    resourceTypes: RULE_TYPES,
    check(props, report, type) {
      if (publicIngress(type, props).some((rule) => covers(rule, port))) report(`port ${port} is open to the internet`);
    },
  });
}

export const networkPolicies = [
  noPublicPort('CKV_AWS_24', 22, 'SSH'),
  noPublicPort('CKV_AWS_25', 3389, 'RDP'),
  resourcePolicy({
    name: 'RAMPART_SG_PUBLIC_WEB_ONLY',
    description: 'Only ports 80 and 443 (the load balancer) accept traffic from the internet.',
    enforcementLevel: 'mandatory',
    resourceTypes: RULE_TYPES,
    check(props, report, type) {
      for (const rule of publicIngress(type, props)) {
        const web = rule.protocol === 'tcp' && [80, 443].includes(rule.fromPort) && rule.fromPort === rule.toPort;
        if (!web) report(`ports ${rule.fromPort}-${rule.toPort}/${rule.protocol} are open to the internet`);
      }
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_23',
    description: 'Security groups and their rules have descriptions.',
    enforcementLevel: 'mandatory',
    resourceTypes: [...SECURITY_GROUP, ...INGRESS_RULE, ...EGRESS_RULE, ...LEGACY_RULE],
    check(props, report) {
      if (!props.description) report('description must be set');
      for (const rule of [...asArray<Props>(props.ingress), ...asArray<Props>(props.egress)]) {
        if (!rule.description) report('every inline rule must have a description');
      }
    },
  }),
  resourcePolicy({
    name: 'CKV2_AWS_12',
    description: "The VPC's default security group allows no traffic.",
    enforcementLevel: 'mandatory',
    resourceTypes: DEFAULT_SECURITY_GROUP,
    check(props, report) {
      if (asArray(props.ingress).length > 0 || asArray(props.egress).length > 0) {
        report('the default security group must have no ingress or egress rules');
      }
    },
  }),
  resourcePolicy({
    name: 'CKV_AWS_130',
    description: 'Subnets do not assign public IPs on launch.',
    enforcementLevel: 'mandatory',
    resourceTypes: SUBNET,
    check(props, report) {
      if (props.mapPublicIpOnLaunch === true) report('mapPublicIpOnLaunch must be false');
    },
  }),
];
