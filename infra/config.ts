// Reads the stack configuration once and validates it; every other infra module receives typed values.
import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';
import { integer } from '../src/integerSetting';

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Fargate memory (MiB) allowed for each CPU size (units of 1/1024 vCPU). */
const FARGATE_MEMORY: Record<number, { min: number; max: number; step: number }> = {
  256: { min: 512, max: 2048, step: 512 },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
};

const boolean = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

const schema = z
  .object({
    'aws:region': z
      .string({ error: 'is required (pulumi config set aws:region eu-west-1)' })
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, {
        error: 'must be an AWS region such as eu-west-1',
      }),
    image: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.\-/:]*@sha256:[0-9a-f]{64}$/, {
        error:
          'must be an image pinned by digest, such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/rampart@sha256:<64 hex>',
      })
      .optional(),
    vpcCidr: z
      .string()
      .regex(/^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/, { error: 'must be an IPv4 /16 block such as 10.0.0.0/16' })
      .default('10.0.0.0/16'),
    natGateways: z.enum(['single', 'perAz'], { error: 'must be single or perAz' }).default('perAz'),
    dbInstanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { error: 'must be an RDS instance class such as db.t4g.small' })
      .default('db.t4g.small'),
    dbEngineVersion: z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: 'must be a PostgreSQL version such as 16 or 16.4' })
      .refine((value) => Number(value.split('.')[0]) >= 16, { error: 'must be PostgreSQL 16 or newer' })
      .default('16'),
    dbAllocatedStorageGb: integer(20, 65536).default(20),
    dbMaxAllocatedStorageGb: integer(20, 65536).default(100),
    dbBackupRetentionDays: integer(7, 35).default(7),
    dbMultiAz: boolean.default(true),
    dbFinalSnapshot: boolean.default(true),
    deletionProtection: boolean.default(true),
    taskCpu: integer(256, 4096).default(512),
    taskMemory: integer(512, 30720).default(1024),
    cpuArchitecture: z.enum(['X86_64', 'ARM64'], { error: 'must be X86_64 or ARM64' }).default('X86_64'),
    minTasks: integer(1, 100).default(2),
    maxTasks: integer(1, 100).default(6),
    cpuTargetPercent: integer(10, 90).default(60),
    logRetentionDays: integer(1, 3653)
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        error: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(365),
    requireHttps: boolean.default(true),
    waf: boolean.default(false),
    wafAuthRequestsPerFiveMinutes: integer(10, 2_000_000_000).default(100),
    certificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/, {
        error: 'must be an ACM certificate ARN',
      })
      .optional(),
    domainName: z
      .string()
      .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, { error: 'must be a host name such as api.example.com' })
      .optional(),
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,32}$/, { error: 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ' })
      .optional(),
    corsOrigins: z
      .string()
      .refine(
        (value) =>
          value
            .split(',')
            .map((origin) => origin.trim())
            .every((origin) => origin === '' || /^https?:\/\/[^/\s]+$/.test(origin)),
        { error: 'must be a comma-separated list of origins such as https://app.example.com' },
      )
      .default(''),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], { error: 'must be a pino log level such as info' })
      .default('info'),
    jwtIssuer: z.string().min(1).default('rampart'),
    jwtAudience: z.string().min(1).default('rampart-api'),
    jwtExpiresIn: z
      .string()
      .regex(/^\d+[smhdw]$/, { error: 'must be a duration such as 15m or 7d' })
      .default('7d'),
  })
  .superRefine((c, ctx) => {
    const fail = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    const memory = FARGATE_MEMORY[c.taskCpu];
    if (!memory) {
      fail('taskCpu', `must be one of ${Object.keys(FARGATE_MEMORY).join(', ')}`);
    } else if (c.taskMemory < memory.min || c.taskMemory > memory.max || c.taskMemory % memory.step !== 0) {
      fail('taskMemory', `must be ${memory.min}-${memory.max} in steps of ${memory.step} for taskCpu ${c.taskCpu}`);
    }
    if (c.maxTasks < c.minTasks) fail('maxTasks', `must be at least minTasks (${c.minTasks})`);
    // RDS refuses a storage-autoscaling ceiling less than 10% above the allocated storage.
    const minimumCeiling = Math.ceil((c.dbAllocatedStorageGb * 11) / 10);
    if (c.dbMaxAllocatedStorageGb < minimumCeiling) {
      fail(
        'dbMaxAllocatedStorageGb',
        `must be at least ${minimumCeiling}: RDS needs the autoscaling ceiling 10% above dbAllocatedStorageGb (${c.dbAllocatedStorageGb})`,
      );
    }
    if (c.hostedZoneId && !c.domainName) fail('domainName', 'is required when hostedZoneId is set');
    if (c.requireHttps && !c.certificateArn && !c.hostedZoneId) {
      fail(
        'certificateArn',
        'is required while requireHttps is true (set it, or set domainName and hostedZoneId to have one issued, or set requireHttps: false for a dev stack)',
      );
    }
    const [, first, second] = /^(\d+)\.(\d+)\./.exec(c.vpcCidr) ?? [];
    if (Number(first) > 255 || Number(second) > 255) fail('vpcCidr', 'must be a valid IPv4 block');
  });

export type RawStackConfig = Record<string, string | undefined>;

export interface StackConfig {
  readonly stack: string;
  readonly region: string;
  /** Absent on the first `pulumi up`, which creates the registry the image is pushed to. */
  readonly image: string | undefined;
  readonly network: { readonly cidrBlock: string; readonly natGateways: 'single' | 'perAz' };
  readonly database: {
    readonly instanceClass: string;
    readonly engineVersion: string;
    readonly parameterGroupFamily: string;
    readonly allocatedStorageGb: number;
    readonly maxAllocatedStorageGb: number;
    readonly backupRetentionDays: number;
    readonly multiAz: boolean;
    readonly finalSnapshot: boolean;
    readonly deletionProtection: boolean;
  };
  readonly service: {
    readonly cpu: number;
    readonly memory: number;
    readonly architecture: 'X86_64' | 'ARM64';
    readonly minTasks: number;
    readonly maxTasks: number;
    readonly cpuTargetPercent: number;
    readonly logRetentionDays: number;
    readonly certificateArn: string | undefined;
    readonly domainName: string | undefined;
    /** With domainName: the zone where the stack validates a certificate and points the name at the ALB. */
    readonly hostedZoneId: string | undefined;
    /** A certificate is given or will be issued, so the ALB serves HTTPS and port 80 only redirects. */
    readonly https: boolean;
    readonly deletionProtection: boolean;
    /** AWS WAF on the load balancer, with this many requests per client IP per 5 minutes on the auth routes. */
    readonly waf: { readonly authRequestsPerFiveMinutes: number } | undefined;
  };
  readonly app: {
    readonly corsOrigins: string;
    readonly logLevel: string;
    readonly jwtIssuer: string;
    readonly jwtAudience: string;
    readonly jwtExpiresIn: string;
  };
}

/** Keys read from the `rampart` namespace; `aws:region` comes from the provider's namespace. */
export const STACK_CONFIG_KEYS = Object.keys(schema.shape).filter((key) => !key.includes(':'));

export class StackConfigError extends Error {
  constructor(
    readonly stackName: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid stack configuration (Pulumi.${stackName}.yaml):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'StackConfigError';
  }
}

const qualified = (key: string) => (key.includes(':') ? key : `rampart:${key}`);

/** Validates raw string settings (as Pulumi stores them); throws StackConfigError naming every bad key. */
export function parseStackConfig(stack: string, raw: RawStackConfig): StackConfig {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new StackConfigError(
      stack,
      parsed.error.issues.map((issue) => `${qualified(String(issue.path[0] ?? 'config'))} ${issue.message}`),
    );
  }
  const c = parsed.data;
  return {
    stack,
    region: c['aws:region'],
    image: c.image,
    network: { cidrBlock: c.vpcCidr, natGateways: c.natGateways },
    database: {
      instanceClass: c.dbInstanceClass,
      engineVersion: c.dbEngineVersion,
      parameterGroupFamily: `postgres${c.dbEngineVersion.split('.')[0]}`,
      allocatedStorageGb: c.dbAllocatedStorageGb,
      maxAllocatedStorageGb: c.dbMaxAllocatedStorageGb,
      backupRetentionDays: c.dbBackupRetentionDays,
      multiAz: c.dbMultiAz,
      finalSnapshot: c.dbFinalSnapshot,
      deletionProtection: c.deletionProtection,
    },
    service: {
      cpu: c.taskCpu,
      memory: c.taskMemory,
      architecture: c.cpuArchitecture,
      minTasks: c.minTasks,
      maxTasks: c.maxTasks,
      cpuTargetPercent: c.cpuTargetPercent,
      logRetentionDays: c.logRetentionDays,
      certificateArn: c.certificateArn,
      domainName: c.domainName,
      hostedZoneId: c.hostedZoneId,
      https: c.certificateArn !== undefined || c.hostedZoneId !== undefined,
      deletionProtection: c.deletionProtection,
      waf: c.waf ? { authRequestsPerFiveMinutes: c.wafAuthRequestsPerFiveMinutes } : undefined,
    },
    app: {
      corsOrigins: c.corsOrigins,
      logLevel: c.logLevel,
      jwtIssuer: c.jwtIssuer,
      jwtAudience: c.jwtAudience,
      jwtExpiresIn: c.jwtExpiresIn,
    },
  };
}

/** Reads the current stack's settings through Pulumi's config API; problems surface as a clean CLI error. */
export function loadStackConfig(): StackConfig {
  const rampart = new pulumi.Config('rampart');
  const raw: RawStackConfig = { 'aws:region': new pulumi.Config('aws').get('region') };
  for (const key of STACK_CONFIG_KEYS) raw[key] = rampart.get(key);
  try {
    return parseStackConfig(pulumi.getStack(), raw);
  } catch (err) {
    // A RunError is printed without a stack trace: the message already says what to fix.
    if (err instanceof StackConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}
