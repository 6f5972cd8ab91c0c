// Runs the real Pulumi program under Pulumi's own mocks (no CLI, plugin or AWS account) and captures what it registers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import type { Props } from '../policies/resourcePolicy';
import program from '../index';

export const ROOT = path.resolve(__dirname, '../..');
export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
/** The ELB log-delivery account of eu-west-1, which writes ALB access logs. */
export const ELB_ACCOUNT = '156460612806';
/** What the mocked random provider "generates": it must only ever reach the JWT secret's SecretVersion. */
export const MOCK_JWT_SECRET = `MOCKJWT${'q7'.repeat(28)}Z`;
export const TEST_IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/rampart@sha256:${'ab'.repeat(32)}`;
export const TEST_CERTIFICATE_ARN = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9`;

export interface CapturedResource {
  type: string;
  name: string;
  inputs: Props;
  /** What the mocked provider answered: inputs plus computed outputs (arn, name, ...). */
  state: Props;
}

export interface ProgramRun {
  resources: CapturedResource[];
  outputs: Record<string, unknown>;
  /** Resources of one type, e.g. `aws:rds/instance:Instance`. */
  ofType(type: string): CapturedResource[];
  /** The single resource of a type; fails the test when there are none or several. */
  one(type: string): CapturedResource;
}

/** A stack file's settings as Pulumi hands them to the program: every value a string. */
export function stackSettings(stack: string): Record<string, string> {
  const file = parse(readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8')) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(Object.entries(file.config).map(([key, value]) => [key, String(value)]));
}

/** Stack settings keyed as parseStackConfig reads them: `rampart:` dropped, other namespaces kept. */
export function unqualified(settings: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key.replace(/^rampart:/, ''), value]));
}

// Pulumi marks secret values with this signature when it serialises them.
const SECRET_SIGNATURE = '1b47061264138c4ac30d75fd1eb44270';

/** Pulumi's serialised secrets, replaced by their plain values. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record[pulumi.runtime.specialSigKey] === SECRET_SIGNATURE) return unwrapSecrets(record.value);
    return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, unwrapSecrets(child)]));
  }
  return value;
}

/** Provider-computed outputs the program reads, with plausible shapes. */
export function computedState(type: string, name: string, inputs: Props): Props {
  const service = type.split(':')[1]?.split('/')[0] ?? 'unknown';
  const state: Record<string, unknown> = {
    ...inputs,
    arn: `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`,
    name: inputs.name ?? `${name}-${type.length}`,
  };
  switch (type) {
    case 'random:index/randomPassword:RandomPassword':
      return { ...state, result: MOCK_JWT_SECRET };
    case 'aws:rds/instance:Instance':
      return {
        ...state,
        address: `${name}.c0ffee.${REGION}.rds.amazonaws.com`,
        resourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY0',
        port: inputs.port,
        masterUserSecrets: [
          {
            secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-${name}-AbCdEf`,
            secretStatus: 'active',
            kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/aws-secretsmanager`,
          },
        ],
      };
    case 'aws:ecr/repository:Repository':
      return { ...state, repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}` };
    case 'aws:lb/loadBalancer:LoadBalancer':
      return { ...state, dnsName: `${name}-1234567890.${REGION}.elb.amazonaws.com`, zoneId: 'Z32O12XQLNTSW2' };
    case 'aws:acm/certificate:Certificate':
      return {
        ...state,
        arn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${name}`,
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_c0ffee.${inputs.domainName}.`,
            resourceRecordType: 'CNAME',
            resourceRecordValue: '_d00d.acm-validations.aws.',
          },
        ],
      };
    case 'aws:route53/record:Record':
      return { ...state, fqdn: String(inputs.name).replace(/\.$/, '') };
    case 'aws:secretsmanager/secret:Secret':
      return { ...state, arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${inputs.namePrefix}AbCdEf` };
    case 'aws:s3/bucket:Bucket': {
      const bucket = `${String(inputs.bucketPrefix)}20261125000000000000000001`;
      return { ...state, bucket, arn: `arn:aws:s3:::${bucket}` };
    }
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { ...state, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${inputs.name}` };
    default:
      return state;
  }
}

/** What the mocked AWS provider answers to the program's data-source calls. */
export function providerCall(token: string): Props {
  if (token === 'aws:index/getAvailabilityZones:getAvailabilityZones') {
    return { names: [`${REGION}a`, `${REGION}b`, `${REGION}c`], zoneIds: ['euw1-az1', 'euw1-az2', 'euw1-az3'] };
  }
  if (token === 'aws:index/getCallerIdentity:getCallerIdentity') {
    return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: 'AIDAEXAMPLE', id: ACCOUNT };
  }
  if (token === 'aws:elb/getServiceAccount:getServiceAccount') {
    return { arn: `arn:aws:iam::${ELB_ACCOUNT}:root`, id: ELB_ACCOUNT };
  }
  throw new Error(`unexpected provider call ${token}`);
}

/**
 * Runs infra/index.ts once with the given stack file (plus overrides) and waits until every resource is registered.
 * Pulumi's runtime is per module registry, so each test file may run the program once.
 */
export async function runProgram(
  stack: string,
  overrides: Record<string, string | undefined> = {},
): Promise<ProgramRun> {
  const settings: Record<string, string> = { ...stackSettings(stack) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete settings[key];
    else settings[key] = value;
  }
  const resources: CapturedResource[] = [];
  pulumi.runtime.setAllConfig(settings);
  await pulumi.runtime.setMocks(
    {
      newResource({ type, name, inputs }) {
        const plain = unwrapSecrets(inputs) as Props;
        const state = computedState(type, name, plain);
        resources.push({ type, name, inputs: plain, state });
        return { id: `${name}-id`, state };
      },
      call: ({ token }) => providerCall(token),
    },
    'rampart',
    stack,
    false,
  );

  const exported = await program();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(exported)) outputs[key] = await resolve(value);
  // Resources nothing exported depends on may still be in flight: drain Pulumi's RPC queue.
  await pulumi.runtime.disconnect();

  const ofType = (type: string) => resources.filter((resource) => resource.type === type);
  return {
    resources,
    outputs,
    ofType,
    one(type) {
      const found = ofType(type);
      if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
      return found[0]!;
    },
  };
}

function resolve(value: unknown): Promise<unknown> {
  if (value === undefined) return Promise.resolve(undefined);
  return new Promise((done) => pulumi.output(value).apply((resolved) => done(resolved)));
}

/** A task definition's containers, parsed from the JSON string ECS takes. */
export function containersOf(taskDefinition: CapturedResource): Props[] {
  return JSON.parse(taskDefinition.inputs.containerDefinitions as string) as Props[];
}

/** An IAM role policy's statements, parsed from its JSON document. */
export function statementsOf(rolePolicy: CapturedResource): Props[] {
  return (JSON.parse(rolePolicy.inputs.policy as string) as { Statement: Props[] }).Statement;
}
